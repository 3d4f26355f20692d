/**
 * What only runs started before a workflow change execute, kept so their histories replay on
 * today's build, and nothing else. The live classes of {@code dev.baton.conversation} never check
 * a version: they ask their run's {@link dev.baton.conversation.Era}, which {@link
 * dev.baton.conversation.legacy.Eras#decide} picks once per run from the {@code Workflow.getVersion}
 * decisions in {@link dev.baton.conversation.legacy.Versions} ({@code Era.TODAY} for a run with
 * every change). {@code VersionChecksTest} keeps it so.
 *
 * <p>What belongs here: the version decisions; every branch body that only runs from before a
 * change take (in {@link dev.baton.conversation.legacy.OldEra}, each marked with its change id);
 * and the shapes such runs handed over ({@link dev.baton.conversation.legacy.CarriedState}). A new
 * change adds its id and decision at the end of {@code Versions.decide} (the order is part of every
 * recorded history), a method to {@code Era} answered by {@code Today} and {@code OldEra}, and a row
 * to docs/operations.md's version table.
 *
 * <p>Deleting a branch when {@code deploy/temporal/old-runs.sh} shows no run left on it: delete the
 * old branch in {@code OldEra} (and the {@code Era} method with it when today's answer becomes
 * the only one, inlining {@code today} at its caller); keep the {@code getVersion} call in
 * {@code Versions.decide} with the old version as the minimum, so a stray old history fails loudly
 * rather than replaying the wrong way; drop the recorded histories of the old path from {@code
 * ConversationReplayTest}; and update the version table (docs/operations.md, "Version gates").
 */
package dev.baton.conversation.legacy;
