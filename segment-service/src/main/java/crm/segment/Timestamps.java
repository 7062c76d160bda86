package crm.segment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** timestamptz columns are bound and read as UTC offset date-times, which every JDBC driver maps exactly. */
public final class Timestamps {
    private Timestamps() {
    }

    public static OffsetDateTime column(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
