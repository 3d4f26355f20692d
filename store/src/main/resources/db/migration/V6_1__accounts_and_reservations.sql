-- Who may do what (issue 10): the accounts of agents, supervisors and admins, the tokens they
-- call the API with, and the takeovers in flight that hold a place in an agent's capacity.
-- Numbered 6.1, not 6, so a V6 written on another branch at the same time still migrates.

create table accounts (
    username      text primary key,
    name          text not null,
    role          text not null check (role in ('AGENT', 'SUPERVISOR', 'ADMIN')),
    -- A Spring Security encoded hash ({bcrypt}...); null for an account that signs in only
    -- with personal tokens or through single sign-on.
    password_hash text,
    -- The queues an agent may serve; supervisors and admins serve every queue.
    queues        text[] not null default '{}',
    disabled      boolean not null default false,
    created_at    timestamptz not null default now()
);

-- Opaque bearer tokens: console sign-ins and personal API tokens. Only the SHA-256 of a token is
-- kept, so a copy of this table signs nobody in.
create table api_tokens (
    token_hash text primary key,
    username   text not null references accounts on delete cascade,
    kind       text not null check (kind in ('CONSOLE', 'PERSONAL')),
    label      text,
    created_at timestamptz not null default now(),
    expires_at timestamptz,
    last_used  timestamptz
);
create index api_tokens_by_account on api_tokens (username);

-- A takeover the api has admitted but the conversation has not recorded yet. Counted with the
-- conversations an agent holds, under a lock on the agent's row, so two takeovers at capacity
-- cannot both pass; removed when the takeover has answered. A row left by a crashed api stops
-- counting after a short while (AgentStore.RESERVATION_LIFETIME).
create table takeover_reservations (
    agent_id        text not null,
    conversation_id text not null,
    reserved_at     timestamptz not null default now(),
    primary key (agent_id, conversation_id)
);
