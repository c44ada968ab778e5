package io.loomcql.cqltypes;

/**
 * A value of the CQL {@code duration} type: months, days and nanoseconds, kept apart because their
 * lengths vary (a month is not a fixed number of days, a day not always 24 hours). The three
 * components must not have different signs.
 *
 * @param months the number of months
 * @param days the number of days
 * @param nanoseconds the number of nanoseconds
 */
public record CqlDuration(int months, int days, long nanoseconds) {

  /** Checks that the components do not have different signs. */
  public CqlDuration {
    boolean anyNegative = months < 0 || days < 0 || nanoseconds < 0;
    boolean anyPositive = months > 0 || days > 0 || nanoseconds > 0;
    if (anyNegative && anyPositive) {
      throw new IllegalArgumentException("The months, days and nanoseconds of a duration must all"
          + " have the same sign, got " + months + ", " + days + ", " + nanoseconds);
    }
  }
}
