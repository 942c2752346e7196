import { Body1, Button, Caption1, Card, Combobox, Dropdown, Field, Option, Radio, RadioGroup, Subtitle1, Textarea } from '@fluentui/react-components';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { ADDRESS_LIST_MAX_LENGTH, type InvitationRequest, type InvitationResult, type ManagerCandidate } from '../../../contracts/invitations.ts';
import { ApiRequestError, type ApiClient } from '../../api.ts';
import { useLoad } from '../../useLoad.ts';
import { useAnnouncement } from '../Announcer/Announcer.tsx';
import { ErrorNotice, Loading, Notice } from '../Status/Status.tsx';
import { privateCount, reasonWords, resultSentence } from './invitationText.ts';
import { useInvitationsStyles } from './Invitations.styles.ts';
import { hrApi } from '../../hrApi.ts';

type Kind = InvitationRequest['kind'];
const SEARCH_DELAY_MS = 250;

export interface InvitationsProps {
  api: ApiClient;
  programId: string;
  programName: string;
  /** Whether enrollment is open: invitations go out only then. */
  open: boolean;
}

/** The program's invitations: how many were invited and enrolled, and HR's way to invite a department, a manager's organisation or a list. */
export function Invitations({ api, programId, programName, open }: InvitationsProps) {
  const styles = useInvitationsStyles();
  const options = useLoad(() => hrApi(api).invitationOptions(programId), programId);
  const [kind, setKind] = useState<Kind>('department');
  const [department, setDepartment] = useState('');
  const [manager, setManager] = useState<ManagerCandidate | null>(null);
  const [list, setList] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<InvitationResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const file = useRef<HTMLInputElement>(null);
  useAnnouncement(sending ? 'Sending invitations…' : result ? resultSentence(result) : '');

  const send = () => {
    setFieldError(undefined);
    setError(null);
    setResult(null);
    let request: InvitationRequest;
    if (kind === 'department') {
      if (!department) return setFieldError('Choose a department.');
      request = { kind, department };
    } else if (kind === 'organisation') {
      if (!manager) return setFieldError('Choose a manager.');
      request = { kind, managerId: manager.id };
    } else {
      if (!list.trim()) return setFieldError('Paste or upload at least one address.');
      if (list.length > ADDRESS_LIST_MAX_LENGTH) return setFieldError(`The list is longer than ${ADDRESS_LIST_MAX_LENGTH.toLocaleString()} characters: split it.`);
      request = { kind, list };
    }
    setSending(true);
    hrApi(api)
      .invite(programId, request)
      .then(
        (answer) => {
          setSending(false);
          setResult(answer);
          options.refresh();
        },
        (e: unknown) => {
          setSending(false);
          if (e instanceof ApiRequestError && e.status === 400 && e.field && e.field !== 'id') setFieldError(e.message.replace(/^\w+: /, ''));
          else setError(e);
        },
      );
  };

  const upload = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    if (chosen.size > ADDRESS_LIST_MAX_LENGTH * 2) return setFieldError(`${chosen.name} is too large: at most about ${Math.round(ADDRESS_LIST_MAX_LENGTH / 1000)} KB.`);
    chosen.text().then(
      (text) => {
        setFieldError(undefined);
        setList(text);
      },
      () => setFieldError(`${chosen.name} could not be read.`),
    );
  };

  const summary = options.status === 'done' ? options.data.summary : null;
  return (
    <Card className={styles.card} aria-labelledby="invitations-heading">
      <Subtitle1 as="h2" id="invitations-heading">
        Invitations
      </Subtitle1>
      {options.status === 'loading' ? <Loading label="Loading invitations…" /> : null}
      {options.status === 'failed' ? <ErrorNotice title="Could not load the invitations" error={options.error} onRetry={options.retry} /> : null}
      {summary ? (
        <ul className={styles.counts} aria-label="Where the invitations stand">
          <Count label="Invited" value={String(summary.invited)} />
          <Count label="Enrolled" value={String(summary.enrolled)} />
          <Count label="Said not for now" value={privateCount(summary.declined)} />
          {summary.undeliverable > 0 ? <Count label="Teams could not reach" value={String(summary.undeliverable)} /> : null}
        </ul>
      ) : null}
      <Body1>Invite people to {programName}: each gets a card in Teams with the program, why it matters, and Enroll. Flipside installs itself for them where needed; nobody is invited twice.</Body1>
      {!open ? (
        <Notice intent="info" title="Enrollment is not open">
          Invitations go out while enrollment is open.
        </Notice>
      ) : (
        <div className={styles.form}>
          <RadioGroup value={kind} onChange={(_e, data) => (setKind(data.value as Kind), setFieldError(undefined))} aria-label="Whom to invite" layout="horizontal">
            <Radio value="department" label="A department" />
            <Radio value="organisation" label="A manager's organisation" />
            <Radio value="list" label="A list of addresses" />
          </RadioGroup>
          {kind === 'department' ? (
            <Field label="Department" validationMessage={fieldError} validationState={fieldError ? 'error' : 'none'}>
              <Dropdown
                placeholder="Choose a department"
                value={department}
                selectedOptions={department ? [department] : []}
                onOptionSelect={(_e, data) => (setDepartment(data.optionValue ?? ''), setFieldError(undefined))}
              >
                {(options.status === 'done' ? options.data.departments : []).map((d) => (
                  <Option key={d.name} value={d.name} text={d.name}>
                    {`${d.name} (${d.people})`}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          ) : null}
          {kind === 'organisation' ? <ManagerField api={api} manager={manager} onChange={(m) => (setManager(m), setFieldError(undefined))} error={fieldError} /> : null}
          {kind === 'list' ? (
            <>
              <Field
                label="Email addresses or UPNs"
                hint="One a line, or separated by commas or semicolons; a CSV file with an Email or UPN column works too."
                validationMessage={fieldError}
                validationState={fieldError ? 'error' : 'none'}
              >
                <Textarea className={styles.list} value={list} onChange={(_e, data) => setList(data.value)} resize="vertical" rows={6} placeholder={'raj.patel@contoso.com\ndana.kim@contoso.com'} />
              </Field>
              <div className={styles.row}>
                <input ref={file} type="file" accept=".csv,text/csv,text/plain" className={styles.fileInput} onChange={upload} tabIndex={-1} aria-hidden="true" />
                <Button onClick={() => file.current?.click()}>Upload a CSV file</Button>
                <Caption1 className={styles.muted}>{list ? `${list.split(/\r?\n/).filter((l) => l.trim()).length} lines` : 'No list yet'}</Caption1>
              </div>
            </>
          ) : null}
          <div className={styles.row}>
            <Button appearance="primary" onClick={send} disabled={sending}>
              {sending ? 'Sending invitations…' : 'Send invitations'}
            </Button>
          </div>
          {error ? <ErrorNotice title="The invitations were not sent" error={error} /> : null}
          {result ? <ResultNotice result={result} /> : null}
        </div>
      )}
    </Card>
  );
}

function Count({ label, value }: { label: string; value: string }) {
  const styles = useInvitationsStyles();
  return (
    <li className={styles.count}>
      <Caption1 className={styles.muted}>{label}</Caption1>
      <Subtitle1 className={styles.number}>{value}</Subtitle1>
    </li>
  );
}

function ResultNotice({ result }: { result: InvitationResult }) {
  const styles = useInvitationsStyles();
  return (
    <Notice intent={result.problems.length > 0 ? 'warning' : 'success'} title={result.invited > 0 ? 'Invitations on their way' : 'No new invitations'}>
      <Body1>{resultSentence(result)}</Body1>
      {result.problems.length > 0 ? (
        <ul className={styles.problems} aria-label="Entries that invited nobody">
          {result.problems.map((p) => (
            <li key={`${p.line}:${p.entry}`}>
              Line {p.line}: <strong>{p.entry}</strong> — {reasonWords(p.reason)}
            </li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}

function ManagerField({ api, manager, onChange, error }: { api: ApiClient; manager: ManagerCandidate | null; onChange: (m: ManagerCandidate | null) => void; error: string | undefined }) {
  const [search, setSearch] = useState(manager?.displayName ?? '');
  const [found, setFound] = useState<ManagerCandidate[]>([]);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      hrApi(api)
        .searchManagers(search)
        .then(
          (answer) => current && (setFound(answer), setFailed(false)),
          () => current && setFailed(true),
        );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, search]);
  const message = error ?? (failed ? 'Managers could not be searched: try again.' : undefined);
  return (
    <Field label="Manager" hint="Invites the manager and everyone who reports to them, directly or not." validationMessage={message} validationState={message ? 'error' : 'none'}>
      <Combobox
        placeholder="Search by name, title or department"
        freeform
        value={search}
        selectedOptions={manager ? [manager.id] : []}
        onChange={(event) => {
          setSearch(event.target.value);
          if (manager) onChange(null);
        }}
        onOptionSelect={(_e, data) => {
          const chosen = found.find((m) => m.id === data.optionValue) ?? null;
          onChange(chosen);
          if (chosen) setSearch(chosen.displayName);
        }}
      >
        {found.map((m) => (
          <Option key={m.id} value={m.id} text={m.displayName}>
            {`${m.displayName}${m.jobTitle ? `, ${m.jobTitle}` : ''} · ${m.organisationSize} people`}
          </Option>
        ))}
        {found.length === 0 ? (
          <Option disabled value="" text="No manager found">
            No manager found
          </Option>
        ) : null}
      </Combobox>
    </Field>
  );
}
