-- The built-in helpdesk: callback tickets and what happened to them. Every write carries the
-- idempotency key the workflow made, enforced unique, so a repeated call changes nothing.

create table tickets (
    id              bigserial primary key,
    idempotency_key text not null unique,
    conversation_id text not null,
    queue           text not null,
    priority        int not null,
    status          text not null,
    subject         text not null,
    customer_id     text not null,
    summary         jsonb,
    transcript_url  text,
    promised_by     timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);

create index tickets_by_status on tickets (status, queue, priority desc, created_at);
create index tickets_by_conversation on tickets (conversation_id);

create table ticket_events (
    id              bigserial primary key,
    ticket_id       bigint not null references tickets,
    idempotency_key text unique,
    kind            text not null,
    body            text,
    status          text,
    priority        int,
    created_at      timestamptz not null default now()
);

create index ticket_events_by_ticket on ticket_events (ticket_id, id);

-- Business hours set by operators (PUT /api/v1/queues/{queue}/hours); they win over the YAML
-- defaults the worker ships with.
create table queue_hours (
    queue      text primary key,
    hours      jsonb not null,
    updated_at timestamptz not null default now()
);
