-- Escalations: why, where and how urgently a conversation went to a person, and the handoff
-- summary the person reads first. One escalation per conversation for now; transfers (a later
-- change) will add history of their own.

alter table conversations
    add column escalation_reason   text,
    add column escalation_detail   text,
    add column priority            int,
    add column escalation_language text,
    add column escalated_at        timestamptz,
    add column summary             jsonb;

create index conversations_escalation on conversations (escalation_reason, escalated_at desc)
    where escalation_reason is not null;
