-- Canned replies per queue: what agents of the queue may insert into a reply with one click.
-- Variables in the text ({name}, {order}, {agent}) are filled in the console, never stored filled.
create table canned_replies (
    queue      text not null,
    position   int  not null,
    title      text not null,
    text       text not null,
    updated_by text not null,
    updated_at timestamptz not null default now(),
    primary key (queue, position)
);
