-- The conversation read model and transcript. Written only by the worker's activities, keyed by
-- numbers the workflow assigns, so every write can be retried without duplicating anything.

create table conversations (
    conversation_id   text primary key,
    customer_id       text not null,
    customer_name     text,
    customer_email    text,
    customer_tier     text not null,
    customer_language text,
    channel           text not null,
    status            text not null,
    intent            text,
    confidence        double precision,
    sentiment         double precision,
    queue             text,
    assigned_agent    text,
    last_seq          bigint not null,
    turns             int not null,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);

create index conversations_customer on conversations (customer_id, created_at desc);
create index conversations_status on conversations (status, updated_at desc);

create table messages (
    conversation_id text not null references conversations,
    seq             bigint not null,
    author          text not null,
    agent_id        text,
    text            text not null,
    created_at      timestamptz not null,
    primary key (conversation_id, seq)
);

create table conversation_status_changes (
    conversation_id text not null references conversations,
    number          int not null,
    from_status     text not null,
    to_status       text not null,
    reason          text not null,
    changed_at      timestamptz not null,
    primary key (conversation_id, number)
);
