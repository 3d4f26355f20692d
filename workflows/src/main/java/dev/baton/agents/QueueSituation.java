package dev.baton.agents;

import dev.baton.hours.QueueSchedule;

/**
 * A queue as an escalation finds it, read in one local activity: its hours and, for the
 * conversation asking, who is free and where it would stand. Availability is read whether or not
 * the queue is open (three small queries), so one call answers every branch of the escalation.
 */
public record QueueSituation(QueueSchedule schedule, Availability availability) {}
