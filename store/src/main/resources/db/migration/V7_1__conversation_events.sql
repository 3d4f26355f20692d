-- What the numbers are computed from (issue 13): one row per thing that happened to a
-- conversation, written in the same transaction as the status change it comes from
-- (ConversationEvents), so a retried write adds nothing. The read model keeps only the latest
-- escalation, queue and promise; these rows keep each one as it was when it happened.
-- Numbered 7.1, not 7, so a V7 written on another branch at the same time still migrates.

create table conversation_events (
    conversation_id text not null references conversations,
    -- The status change the event comes from (conversation_status_changes.number).
    number          int not null,
    -- ESCALATED, CALLBACK_CREATED, TAKEN_OVER, TRANSFERRED, RETURNED, RELEASED, RESOLVED,
    -- ABANDONED, CLOSED
    kind            text not null,
    -- RESOLVED: BOT or AFTER_HANDOFF; ABANDONED: BOT_PHASE or IN_QUEUE; TAKEN_OVER: the status
    -- it was taken from (AWAITING_AGENT or CALLBACK_SCHEDULED).
    phase           text,
    at              timestamptz not null,
    channel         text not null,
    intent          text,
    queue           text,
    -- The escalation reason in force when it happened (null before any escalation).
    reason          text,
    agent_id        text,
    -- TAKEN_OVER: how long the conversation had waited since it last went to a queue or a callback.
    waited_ms       bigint,
    -- CALLBACK_CREATED: when the customer was promised a contact.
    promised_by     timestamptz,
    primary key (conversation_id, number, kind)
);

create index conversation_events_by_time on conversation_events (at);
create index conversations_by_created on conversations (created_at);
