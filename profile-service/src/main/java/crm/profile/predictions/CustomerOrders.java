package crm.profile.predictions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The orders of one profile that still count (not cancelled, not fully refunded), oldest first: what predictions and
 * workspace KPIs are computed from.
 */
public record CustomerOrders(String profileId, List<Purchase> purchases) {

    /** One order: when it was placed and what it is worth after refunds. */
    public record Purchase(Instant at, BigDecimal spent) {
        public Purchase {
            Objects.requireNonNull(at, "at");
            spent = spent == null ? BigDecimal.ZERO : spent;
        }
    }

    public CustomerOrders {
        Objects.requireNonNull(profileId, "profileId");
        purchases = purchases.stream().sorted(Comparator.comparing(Purchase::at)).toList();
    }

    /** The orders of a fold state that still count (not cancelled, not fully refunded). */
    public static CustomerOrders of(String profileId, crm.profile.traits.ProfileState state) {
        List<Purchase> purchases = new java.util.ArrayList<>();
        for (crm.profile.traits.ProfileState.OrderFact o : state.orders.values()) {
            if (o.at != null && o.counts()) purchases.add(new Purchase(o.at, o.spent()));
        }
        return new CustomerOrders(profileId, purchases);
    }

    public int count() {
        return purchases.size();
    }

    public BigDecimal spent() {
        return purchases.stream().map(Purchase::spent).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Spent per order, to the cent; empty without orders. */
    public Optional<BigDecimal> averageBasket() {
        if (purchases.isEmpty()) return Optional.empty();
        return Optional.of(spent().divide(BigDecimal.valueOf(purchases.size()), 2, RoundingMode.HALF_UP));
    }

    public Optional<Instant> first() {
        return purchases.isEmpty() ? Optional.empty() : Optional.of(purchases.get(0).at());
    }

    public Optional<Instant> last() {
        return purchases.isEmpty() ? Optional.empty() : Optional.of(purchases.get(purchases.size() - 1).at());
    }

    /** The second order, if any: when the customer first came back. */
    public Optional<Instant> second() {
        return purchases.size() < 2 ? Optional.empty() : Optional.of(purchases.get(1).at());
    }

    /** The UTC calendar days the customer ordered on: BG/NBD counts purchases per day. */
    public List<LocalDate> purchaseDays() {
        return purchases.stream().map(p -> LocalDate.ofInstant(p.at(), ZoneOffset.UTC)).toList();
    }
}
