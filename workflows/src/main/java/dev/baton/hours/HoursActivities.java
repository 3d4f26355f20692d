package dev.baton.hours;

import io.temporal.activity.ActivityInterface;

/** Reads a queue's business hours: the operator's, else the defaults the worker ships with. */
@ActivityInterface
public interface HoursActivities {
  QueueSchedule schedule(String queue);
}
