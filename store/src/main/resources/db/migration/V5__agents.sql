-- Agents, their queues (skills), capacity and presence; and what customers thought of a
-- resolved conversation.

create table agents (
    agent_id       text primary key,
    name           text not null,
    status         text not null,
    queues         text[] not null,
    max_concurrent int not null,
    last_seen      timestamptz not null default now()
);

create table csat (
    conversation_id text primary key references conversations,
    score           int not null check (score between 1 and 5),
    comment         text,
    created_at      timestamptz not null default now()
);

create index conversations_waiting on conversations (queue, priority desc, escalated_at)
    where status = 'AWAITING_AGENT';
create index conversations_by_agent on conversations (assigned_agent) where status = 'AGENT_ACTIVE';
