package dev.baton.hours;

import java.time.Duration;

/**
 * What the after-hours path needs to know about a queue.
 *
 * @param callbackWithin how long after the queue opens a callback is promised ("by 09:30" for a
 *     queue opening at 09:00 with 30 minutes)
 */
public record QueueSchedule(QueueHours hours, Duration callbackWithin, CallbackCopy copy) {}
