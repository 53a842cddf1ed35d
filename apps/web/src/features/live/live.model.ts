import type { z } from 'zod';
import type {
  AwardData, DecisionData, ItemData, ItemKind, ItemOutcome, ItemResolution, LiveState, OperationError, ParticipantCategory,
  ParticipantData, RegistrationChannel,
} from './live.types.ts';
import type { OutboxOperation } from './outbox.ts';

/**
 * What the live screen shows: the server's register merged with the device's queue. The count
 * of participants is always the size of the register: the server's entries plus the
 * ones still waiting on this device, never a typed number.
 */
export type RowState = 'saved' | 'waiting' | 'attention';

interface RowBase {
  /** React key: the server id, or the client key of a queued operation. */
  key: string;
  id: string | null;
  clientKey: string | null;
  state: RowState;
  error: OperationError | null;
}

export interface RegisterRow extends RowBase {
  number: number | null;
  fullName: string;
  address: string | null;
  category: ParticipantCategory;
  channel: RegistrationChannel;
  attendance: 'in_person' | 'online';
  arrivedAt: string;
  invitationId: string | null;
}

export interface ItemRow extends RowBase {
  reference: string | null;
  kind: ItemKind;
  text: string;
  topic: string;
  raisedBy: string | null;
  resolution: ItemResolution | null;
  answer: string | null;
  outcome: ItemOutcome | null;
  createdAt: string;
}

export interface DecisionRow extends RowBase { number: number | null; text: string; responsible: string; dueDate: string }
export interface AwardRow extends RowBase { recipientKind: AwardData['recipientKind']; recipientName: string; reason: string; awardKind: AwardData['awardKind'] }

const queuedState = (op: OutboxOperation): RowState => (op.state === 'rejected' ? 'attention' : op.state === 'synced' ? 'saved' : 'waiting');

/** Queued operations of a kind not yet in the server's state (a synced one may be, once refetched). */
function queued(ops: OutboxOperation[], kind: OutboxOperation['kind'], known: Set<string>): OutboxOperation[] {
  return ops.filter((op) => op.kind === kind && !known.has(op.clientKey));
}

function clientKeys(rows: Array<{ clientKey: string | null }>): Set<string> {
  return new Set(rows.map((r) => r.clientKey).filter((k): k is string => k !== null));
}

export function channelOf(data: Pick<ParticipantData, 'paperSheetId' | 'invitationId'>): RegistrationChannel {
  if (data.invitationId) return 'invitation';
  if (data.paperSheetId) return 'paper';
  return 'staff';
}

export function registerRows(state: LiveState | undefined, ops: OutboxOperation[]): RegisterRow[] {
  const server: RegisterRow[] = [...(state?.participants ?? [])].sort((a, b) => a.number - b.number).map((p) => ({
    key: p.id, id: p.id, clientKey: p.clientKey, state: 'saved', error: null, number: p.number, fullName: p.fullName, address: p.address,
    category: p.category, channel: p.channel, attendance: p.attendance, arrivedAt: p.arrivedAt, invitationId: p.invitationId,
  }));
  const local: RegisterRow[] = queued(ops, 'participant', clientKeys(state?.participants ?? [])).map((op) => {
    const data = op.data as ParticipantData;
    return {
      key: op.clientKey, id: op.serverId ?? null, clientKey: op.clientKey, state: queuedState(op), error: op.error, number: null,
      fullName: data.fullName, address: data.address ?? null, category: data.category ?? 'resident', channel: channelOf(data),
      attendance: data.attendance ?? 'in_person', arrivedAt: data.arrivedAt ?? op.createdAt, invitationId: data.invitationId ?? null,
    };
  });
  return [...server, ...local];
}

/** The register's size: saved entries and those waiting on this device (not the refused ones). */
export function participantCount(rows: RegisterRow[]): number {
  return rows.filter((r) => r.state !== 'attention').length;
}

export function itemRows(state: LiveState | undefined, ops: OutboxOperation[]): ItemRow[] {
  const names = new Map<string, string>();
  for (const p of state?.participants ?? []) {
    names.set(p.id, p.fullName);
    if (p.clientKey) names.set(p.clientKey, p.fullName);
  }
  for (const op of ops) if (op.kind === 'participant') names.set(op.clientKey, (op.data as ParticipantData).fullName);
  const server: ItemRow[] = [...(state?.items ?? [])].sort((a, b) => a.number - b.number).map((i) => ({
    key: i.id, id: i.id, clientKey: i.clientKey, state: 'saved', error: null, reference: i.reference, kind: i.kind, text: i.text,
    topic: i.topic, raisedBy: i.participantName, resolution: i.resolution, answer: i.answer, outcome: i.outcome, createdAt: i.createdAt,
  }));
  const local: ItemRow[] = queued(ops, 'item', clientKeys(state?.items ?? [])).map((op) => {
    const data = op.data as ItemData;
    const who = data.participantId ?? data.participantClientKey ?? null;
    return {
      key: op.clientKey, id: op.serverId ?? null, clientKey: op.clientKey, state: queuedState(op), error: op.error, reference: null,
      kind: data.kind, text: data.text, topic: data.topic, raisedBy: who ? names.get(who) ?? null : null,
      resolution: data.resolution ?? null, answer: data.answer ?? null, outcome: null, createdAt: op.createdAt,
    };
  });
  return [...server, ...local];
}

export function decisionRows(state: LiveState | undefined, ops: OutboxOperation[]): DecisionRow[] {
  const server: DecisionRow[] = [...(state?.decisions ?? [])].sort((a, b) => a.number - b.number).map((d) => ({
    key: d.id, id: d.id, clientKey: d.clientKey, state: 'saved', error: null, number: d.number, text: d.text, responsible: d.responsible, dueDate: d.dueDate,
  }));
  const local: DecisionRow[] = queued(ops, 'decision', clientKeys(state?.decisions ?? [])).map((op) => {
    const data = op.data as DecisionData;
    return { key: op.clientKey, id: op.serverId ?? null, clientKey: op.clientKey, state: queuedState(op), error: op.error, number: null, text: data.text, responsible: data.responsible, dueDate: data.dueDate };
  });
  return [...server, ...local];
}

export function awardRows(state: LiveState | undefined, ops: OutboxOperation[]): AwardRow[] {
  const server: AwardRow[] = (state?.awards ?? []).map((a) => ({
    key: a.id, id: a.id, clientKey: a.clientKey, state: 'saved', error: null, recipientKind: a.recipientKind, recipientName: a.recipientName, reason: a.reason, awardKind: a.awardKind,
  }));
  const local: AwardRow[] = queued(ops, 'award', clientKeys(state?.awards ?? [])).map((op) => {
    const data = op.data as AwardData;
    return { key: op.clientKey, id: op.serverId ?? null, clientKey: op.clientKey, state: queuedState(op), error: op.error, recipientKind: data.recipientKind, recipientName: data.recipientName, reason: data.reason, awardKind: data.awardKind };
  });
  return [...server, ...local];
}

/** The sync indicator's numbers. */
export function queueCounts(ops: OutboxOperation[]): { pending: number; attention: number } {
  return { pending: ops.filter((op) => op.state === 'pending').length, attention: ops.filter((op) => op.state === 'rejected').length };
}

/** Case-, space- and ё-insensitive search in the register by name, address or number. */
export function matchesSearch(row: Pick<RegisterRow, 'fullName' | 'address' | 'number'>, query: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').toLocaleLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
  const q = norm(query);
  if (!q) return true;
  return norm(row.fullName).includes(q) || norm(row.address ?? '').includes(q) || String(row.number ?? '') === q;
}

// ─── Form validation with the shared schemas ───────────────────────────────

/** The message key (in the `live` namespace, under `validation`) of a field's problem. */
export type ValidationKey = 'required' | 'tooLong' | 'invalid' | 'consent' | 'answer' | 'place';
export type FieldErrors = Partial<Record<string, ValidationKey>>;

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Parses form values with a contract schema; problems become one message key per field. */
export function validate<S extends z.ZodType>(schema: S, values: unknown): Validated<z.infer<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_');
    if (errors[field]) continue;
    if (field === 'consent') errors[field] = 'consent';
    else if (issue.code === 'too_small' || (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null))) errors[field] = 'required';
    else if (issue.code === 'too_big') errors[field] = 'tooLong';
    else errors[field] = 'invalid';
  }
  return { ok: false, errors };
}

/** Empty optional inputs are left out (the schema's defaults and nulls apply). */
export function compact<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined)) as Partial<T>;
}

/** Why entries cannot be recorded now, or null when they can. */
export type ClosedReason = 'signed' | 'cancelled' | 'postponed' | 'notAnnounced' | 'notYet';

/**
 * The live screen's reason for a closed recording, from the meeting's status: after the protocol
 * is signed the meeting is over (the screen links to the protocol and follow-up instead of a
 * form); before its day or its announcement it is not open yet.
 */
export function closedReason(meeting: { status: string; recordingOpen: boolean }): ClosedReason | null {
  if (meeting.recordingOpen) return null;
  switch (meeting.status) {
    case 'protocol_signed':
    case 'closed':
      return 'signed';
    case 'cancelled':
      return 'cancelled';
    case 'postponed':
      return 'postponed';
    case 'draft':
    case 'scheduled':
      return 'notAnnounced';
    default:
      return 'notYet';
  }
}

/**
 * Issue 14: a decision starts with who records it as responsible and a month to do it (R-34 asks
 * for both; either is changed in one field), and the next decision keeps what the last one used.
 */
export function decisionDefaults(displayName: string, today: string): { responsible: string; dueDate: string } {
  const due = new Date(`${today}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + 30);
  return { responsible: displayName, dueDate: due.toISOString().slice(0, 10) };
}
