import {
  Avatar,
  Badge,
  Body1,
  Breadcrumb,
  BreadcrumbButton,
  BreadcrumbDivider,
  BreadcrumbItem,
  Caption1,
  Card,
  CounterBadge,
  Divider,
  Link,
  Subtitle1,
  Subtitle2,
  Title1,
} from '@fluentui/react-components';
import { Fragment, type ReactNode } from 'react';
import type { PersonSummary, Profile } from '../../../contracts/api.ts';
import { firstName, levelText, subtitle, tenure } from '../../format.ts';
import { hrefFor, onLinkClick } from '../../router.ts';
import { PersonLinkCard } from '../PersonLinkCard/PersonLinkCard.tsx';
import { useProfileViewStyles } from './ProfileView.styles.ts';

export interface ProfileViewProps {
  profile: Profile;
  /** The signed-in person's own profile: "People I manage" rather than "People Ada manages". */
  isMe: boolean;
  roles?: string[];
}

/** A person's profile: who they are, where they sit in the organisation, who reports to them. */
export function ProfileView({ profile, isMe, roles = [] }: ProfileViewProps) {
  const styles = useProfileViewStyles();
  const { person, manager, directReports } = profile;
  const line: PersonSummary[] = [...profile.chain].reverse().concat(manager ? [manager] : []);
  const reportsTitle = isMe ? 'People I manage' : `People ${firstName(person.displayName)} manages`;
  const facts: Array<[string, ReactNode]> = [
    ['Office', person.officeLocation ?? 'Not in the directory'],
    ['Email', person.mail ? <Link href={`mailto:${person.mail}`}>{person.mail}</Link> : 'Not in the directory'],
    ['Tenure', tenure(person.hireDate) ?? 'Hire date not in the directory'],
    ['Level', levelText(profile)],
  ];

  return (
    <div className={styles.root}>
      <Card className={styles.hero} aria-labelledby="profile-name">
        <div className={styles.identity}>
          <Avatar name={person.displayName} color="colorful" size={96} aria-hidden />
          <div className={styles.names}>
            {isMe ? <Caption1 className={styles.eyebrow}>Your profile</Caption1> : null}
            <Title1 as="h1" id="profile-name" className={styles.name}>
              {person.displayName}
            </Title1>
            {subtitle(person) ? <Subtitle2 className={styles.role}>{subtitle(person)}</Subtitle2> : null}
            <div className={styles.badges}>
              {roles.includes('Program.Admin') ? (
                <Badge appearance="filled" color="brand">
                  Program admin
                </Badge>
              ) : null}
              {!person.accountEnabled ? (
                <Badge appearance="tint" color="danger">
                  Account disabled
                </Badge>
              ) : null}
            </div>
          </div>
        </div>
        <Divider />
        <dl className={styles.facts}>
          {facts.map(([label, value]) => (
            <div key={label} className={styles.fact}>
              <dt>
                <Caption1 className={styles.factLabel}>{label}</Caption1>
              </dt>
              <dd className={styles.factValue}>
                <Body1>{value}</Body1>
              </dd>
            </div>
          ))}
        </dl>
      </Card>

      <Card className={styles.section} aria-labelledby="manager-heading">
        <Subtitle1 as="h2" id="manager-heading" className={styles.sectionTitle}>
          Manager
        </Subtitle1>
        {manager ? (
          <>
            <PersonLinkCard person={manager} size="large" className={styles.manager} />
            <div>
              <Caption1 className={styles.muted} id="line-label">
                Reporting line
              </Caption1>
              <Breadcrumb aria-labelledby="line-label" size="small">
                {line.map((p) => (
                  <Fragment key={p.id}>
                    <BreadcrumbItem>
                      <BreadcrumbButton href={hrefFor.person(p.id)} onClick={onLinkClick(hrefFor.person(p.id))}>
                        {p.displayName}
                      </BreadcrumbButton>
                    </BreadcrumbItem>
                    <BreadcrumbDivider />
                  </Fragment>
                ))}
                <BreadcrumbItem>
                  <BreadcrumbButton current>{isMe ? `${person.displayName} (you)` : person.displayName}</BreadcrumbButton>
                </BreadcrumbItem>
              </Breadcrumb>
            </div>
          </>
        ) : (
          <Body1 className={styles.muted}>{person.level === 0 ? `${isMe ? 'You are' : `${person.displayName} is`} at the top of the organisation.` : 'No manager is recorded in the directory.'}</Body1>
        )}
      </Card>

      <Card className={styles.section} aria-labelledby="reports-heading">
        <div className={styles.sectionHeader}>
          <Subtitle1 as="h2" id="reports-heading" className={styles.sectionTitle}>
            {reportsTitle}
          </Subtitle1>
          <CounterBadge
            count={directReports.length}
            showZero
            appearance="filled"
            color={directReports.length ? 'brand' : 'informative'}
            aria-label={`${directReports.length} ${directReports.length === 1 ? 'person' : 'people'}`}
          />
        </div>
        {directReports.length ? (
          <ul className={styles.grid} aria-labelledby="reports-heading">
            {directReports.map((p) => (
              <li key={p.id}>
                <PersonLinkCard person={p} />
              </li>
            ))}
          </ul>
        ) : (
          <Body1 className={styles.muted}>{isMe ? 'Nobody reports to you.' : `Nobody reports to ${firstName(person.displayName)}.`}</Body1>
        )}
      </Card>
    </div>
  );
}
