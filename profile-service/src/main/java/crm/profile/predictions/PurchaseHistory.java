package crm.profile.predictions;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What BG/NBD knows of one customer (Fader, Hardie and Lee's x, t_x and T), in a time unit of the caller's choice.
 * Purchases are counted per calendar day, as in the CDNOW reference data: two orders on one day are one purchase.
 *
 * @param frequency x: repeat purchase days, the purchase days after the first one
 * @param recency   t_x: from the first to the last purchase day
 * @param age       T: from the first purchase day to the end of the observation
 */
public record PurchaseHistory(int frequency, double recency, double age) {

    public PurchaseHistory {
        if (frequency < 0) throw new IllegalArgumentException("frequency must not be negative: " + frequency);
        if (recency < 0 || age < recency) {
            throw new IllegalArgumentException("need 0 <= recency <= age, got " + recency + " and " + age);
        }
        if (frequency == 0 && recency != 0) throw new IllegalArgumentException("no repeat purchase, yet recency " + recency);
    }

    /**
     * The history of a customer observed until {@code end} (inclusive) from the days they bought on, in units of
     * {@code unitDays} days (7 for weeks, 1 for days). Empty when they bought nothing on or before {@code end}.
     */
    public static Optional<PurchaseHistory> of(Collection<LocalDate> purchaseDays, LocalDate end, double unitDays) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (LocalDate d : purchaseDays) {
            if (!d.isAfter(end)) days.add(d);
        }
        if (days.isEmpty()) return Optional.empty();
        LocalDate first = days.first();
        LocalDate last = days.last();
        return Optional.of(new PurchaseHistory(days.size() - 1,
                ChronoUnit.DAYS.between(first, last) / unitDays,
                ChronoUnit.DAYS.between(first, end) / unitDays));
    }
}
