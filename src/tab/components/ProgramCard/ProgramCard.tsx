import { Badge, Body1, Button, Caption1, Card, Subtitle1 } from '@fluentui/react-components';
import { useId } from 'react';
import type { Enrollment, Program } from '../../../contracts/programs.ts';
import type { ApiClient } from '../../api.ts';
import { cadenceList, dateRange, windowText } from '../../programText.ts';
import { hrefFor, navigate } from '../../router.ts';
import { EnrollmentSummary } from '../EnrollmentSummary/EnrollmentSummary.tsx';
import { useProgramCardStyles } from './ProgramCard.styles.ts';

export interface ProgramCardProps {
  program: Program;
  /** My live enrollment in it, or else my latest one. */
  enrollment: Enrollment | undefined;
  api: ApiClient;
  onChanged: (enrollment: Enrollment) => void;
}

/** A program on the Programs page: what it asks, whether enrollment is open, and where I stand. */
export function ProgramCard({ program, enrollment, api, onChanged }: ProgramCardProps) {
  const styles = useProgramCardStyles();
  const titleId = useId();
  const live = enrollment && (enrollment.status === 'pending' || enrollment.status === 'approved');
  const facts: Array<[string, string]> = [
    ['Dates', dateRange(program.startsOn, program.endsOn)],
    ['Sessions', `${program.sessionMinutes} min each`],
    ['Meets', cadenceList(program.cadences)],
  ];
  return (
    <Card className={styles.root} aria-labelledby={titleId}>
      <div className={styles.header}>
        <Subtitle1 as="h2" id={titleId} className={styles.title}>
          {program.name}
        </Subtitle1>
        <Badge appearance={program.enrollment === 'open' ? 'filled' : 'outline'} color={program.enrollment === 'open' ? 'brand' : 'informative'} shape="rounded">
          {windowText(program)}
        </Badge>
      </div>
      {program.description ? <Body1 className={styles.description}>{program.description}</Body1> : null}
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
      {enrollment ? (
        <div className={styles.mine}>
          <EnrollmentSummary enrollment={enrollment} program={program} api={api} onChanged={onChanged} headingLevel="h3" compact />
        </div>
      ) : null}
      {program.enrollment === 'open' && !live ? (
        <div className={styles.actions}>
          <Button
            appearance="primary"
            as="a"
            href={hrefFor.enroll(program.id)}
            aria-label={`Enroll in ${program.name}`}
            onClick={(event) => {
              event.preventDefault();
              navigate(hrefFor.enroll(program.id));
            }}
          >
            {enrollment ? 'Enroll again' : 'Enroll'}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
