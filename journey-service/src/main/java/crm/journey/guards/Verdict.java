package crm.journey.guards;

import java.time.Instant;

/** What the guards decide about a send that is due. */
public sealed interface Verdict {
    Go GO = new Go();

    /** It goes out now. */
    record Go() implements Verdict {
    }

    /** It never goes out; the send is recorded as skipped with this reason. */
    record Skip(SkipReason reason, String detail) implements Verdict {
    }

    /** Not now: the send waits until {@code until} (quiet hours, the provider's rate), then the guards run again. */
    record Hold(Instant until, SkipReason reason) implements Verdict {
    }
}
