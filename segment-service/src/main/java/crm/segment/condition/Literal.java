package crm.segment.condition;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * What a trait is compared with. {@link #resolve} turns it into the one value both evaluations compare with: an exact
 * decimal (numbers, and times as epoch milliseconds), a string or a boolean; null when it has no value (a statistic
 * not computed yet), which makes the comparison false.
 */
public sealed interface Literal permits Literal.Number, Literal.Text, Literal.Bool, Literal.Time, Literal.Now, Literal.AverageTimes {

    Object resolve(Evaluation evaluation);

    record Number(BigDecimal value) implements Literal {
        public Number {
            value = Decimals.canonical(Objects.requireNonNull(value, "value"));
        }

        @Override
        public Object resolve(Evaluation evaluation) {
            return value;
        }
    }

    record Text(String value) implements Literal {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Object resolve(Evaluation evaluation) {
            return value;
        }
    }

    record Bool(boolean value) implements Literal {
        @Override
        public Object resolve(Evaluation evaluation) {
            return value;
        }
    }

    /** A fixed instant, written as an ISO-8601 string in the text form. Millisecond precision, like the facts. */
    record Time(Instant at) implements Literal {
        public Time {
            at = Instant.ofEpochMilli(Objects.requireNonNull(at, "at").toEpochMilli());
        }

        @Override
        public Object resolve(Evaluation evaluation) {
            return BigDecimal.valueOf(at.toEpochMilli());
        }
    }

    /** {@code now}, {@code now - 15d}, {@code now + 3 months}: moved from the evaluation's clock. */
    record Now(long amount, SpanUnit unit) implements Literal {
        public Now {
            Objects.requireNonNull(unit, "unit");
            if (amount == 0) unit = SpanUnit.DAYS; // "now" is one AST whatever unit a zero was written in
        }

        public Instant at(Instant now) {
            return unit.shift(now, amount);
        }

        @Override
        public Object resolve(Evaluation evaluation) {
            return BigDecimal.valueOf(at(evaluation.now()).toEpochMilli());
        }
    }

    /** {@code 1.5 x avg(average_basket)}: a multiple of the workspace average of a trait. */
    record AverageTimes(BigDecimal factor, String trait) implements Literal {
        public AverageTimes {
            factor = Decimals.canonical(Objects.requireNonNull(factor, "factor"));
            Objects.requireNonNull(trait, "trait");
        }

        @Override
        public Object resolve(Evaluation evaluation) {
            BigDecimal average = evaluation.population().average(trait);
            return average == null ? null : factor.multiply(average);
        }
    }
}
