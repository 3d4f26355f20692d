package dev.baton.hours;

import java.time.Duration;

/**
 * What a conversation needs to know about a queue once it is escalated: when people are there,
 * how long it may wait for them, and what the customer is told otherwise.
 *
 * @param callbackWithin how long after the queue opens a callback is promised ("by 09:30" for a
 *     queue opening at 09:00 with 30 minutes)
 */
public record QueueSchedule(
    QueueHours hours, Duration callbackWithin, CallbackCopy copy, Waiting waiting) {}
