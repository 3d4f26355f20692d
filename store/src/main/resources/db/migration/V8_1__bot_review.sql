-- The review loop (issue 12): how the bot read each customer message and with which model, what
-- agents flagged as misread, what supervisors decided, the examples the classifier learns from,
-- agents' notes kept as example answers, and the models the workers trained.
-- Numbered 8.1, not 8, so a V8 written on another branch at the same time still migrates.

-- One row per customer message the bot read, written by the worker's bot activity. A retried
-- activity rewrites its turn's row, so the row holds the reading the conversation got.
create table bot_turns (
    conversation_id text not null,
    turn            int not null,
    text            text not null,
    intent          text not null,
    confidence      double precision not null,
    language        text,
    model_version   text,
    answered        boolean not null,
    created_at      timestamptz not null default now(),
    primary key (conversation_id, turn)
);

create index bot_turns_by_time on bot_turns (created_at desc);

-- An agent says the bot misread a message, and perhaps what it should have read.
create table bot_turn_flags (
    conversation_id text not null,
    turn            int not null,
    flagged_by      text not null,
    expected_intent text,
    comment         text,
    flagged_at      timestamptz not null default now(),
    primary key (conversation_id, turn),
    foreign key (conversation_id, turn) references bot_turns
);

-- A supervisor's decision on a reviewed message: approved as an example of an intent, or dismissed.
create table bot_turn_reviews (
    conversation_id text not null,
    turn            int not null,
    decision        text not null check (decision in ('APPROVED', 'DISMISSED')),
    intent          text,
    decided_by      text not null,
    decided_at      timestamptz not null default now(),
    primary key (conversation_id, turn),
    foreign key (conversation_id, turn) references bot_turns,
    check (decision = 'DISMISSED' or intent is not null)
);

-- Approved examples: the classifier trains on the intents file's examples and these. The text is
-- copied, so an example outlives the transcript it came from.
create table training_examples (
    id              bigserial primary key,
    text            text not null,
    intent          text not null,
    conversation_id text,
    turn            int,
    approved_by     text not null,
    approved_at     timestamptz not null default now(),
    unique (conversation_id, turn)
);

-- What an agent wrote when they resolved a conversation, kept as an example answer for its intent.
create table example_answers (
    id              bigserial primary key,
    conversation_id text not null,
    intent          text,
    text            text not null,
    kept_by         text not null,
    kept_at         timestamptz not null default now()
);

create index example_answers_by_intent on example_answers (intent, kept_at desc);

-- The models workers trained: the newest is the one in use.
create table bot_models (
    version         text primary key,
    examples        int not null,
    learned         int not null,
    last_example_id bigint not null,
    intents         text[] not null,
    trained_at      timestamptz not null default now()
);
