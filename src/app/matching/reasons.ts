import { reasonsInWords, type PairReason } from '../../domain/matching/reasons.ts';
import type { DirectoryPerson } from '../../domain/shared/directory.ts';
import type { DirectoryRepository } from '../directory/ports.ts';
import type { ProgramRecord } from '../programs/ports.ts';

/**
 * A pair's stored reasons in words, with the names and departments the directory holds now (a
 * person who left is not named). Pairs and drafts keep codes only, so that erasing a person erases
 * their name from them too.
 */
export async function reasonWordsFor(
  directory: Pick<DirectoryRepository, 'getPerson'>,
  program: Pick<ProgramRecord, 'tenantId' | 'topics'>,
  pair: { mentorId: string; menteeId: string; reasons: readonly (PairReason | string)[] },
  known: { mentor?: DirectoryPerson | null; mentee?: DirectoryPerson | null } = {},
): Promise<string[]> {
  const mentor = known.mentor !== undefined ? known.mentor : ((await directory.getPerson(program.tenantId, pair.mentorId)) ?? null);
  const mentee = known.mentee !== undefined ? known.mentee : ((await directory.getPerson(program.tenantId, pair.menteeId)) ?? null);
  return reasonsInWords(pair.reasons, {
    mentor: mentor?.displayName ?? null,
    mentee: mentee?.displayName ?? null,
    mentorDepartment: mentor?.department ?? null,
    menteeDepartment: mentee?.department ?? null,
    topicNames: Object.fromEntries(program.topics.map((t) => [t.id, t.name])),
  });
}
