-- Where business hours came from ('default' rows are rewritten from hours.yaml at every worker
-- start; 'operator' rows only by the API), and the callback a conversation is waiting for.

alter table queue_hours add column source text not null default 'operator';

alter table conversations
    add column ticket_id        text,
    add column ticket_reference text,
    add column callback_at      timestamptz,
    add column promised_by      timestamptz;
