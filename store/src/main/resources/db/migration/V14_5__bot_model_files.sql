-- The models retrained from approved examples, kept whole (docs/bot.md, "The bot learns without a
-- restart"): one worker trains, stores the model here and announces it on baton_bot_model; every
-- worker loads the newest one of its catalogue, at start and when announced, so all of them answer
-- with the same model and none trains on its own. bot_models still says which model is in use.
-- Numbered 14.5: after V14_3 (torn readings), which a database may already have, and apart from
-- the next numbers another branch written at the same time would take (14.4, 15).
create table bot_model_files (
    -- The model's version: TrainingSet.version of every example it learned.
    version         text primary key,
    -- The version a model of the catalogue's own examples alone has (the shipped model's): which
    -- catalogue the model extends. A worker whose catalogue differs (after an upgrade changed
    -- intents.yaml) never loads it.
    base_version    text not null,
    -- How many examples it learned, approved ones counted as often as they weigh.
    examples        int not null,
    -- How many approved examples it includes.
    learned         int not null,
    -- The newest approved example (training_examples.id) it has taken into account.
    last_example_id bigint not null,
    -- ClassifierBot.Model.toBytes(): gzipped already, so PostgreSQL need not compress it again.
    model           bytea not null,
    training_ms     bigint not null,
    created_at      timestamptz not null default now()
);

alter table bot_model_files alter column model set storage external;

-- A worker's question, at start and on every check: the newest model of my catalogue.
create index bot_model_files_newest on bot_model_files (base_version, last_example_id desc, created_at desc);
