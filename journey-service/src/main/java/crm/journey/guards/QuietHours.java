package crm.journey.guards;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.Instant;

/** A daily window, in the profile's local time, when a channel sends nothing; it may span midnight (21:00-09:00). */
public record QuietHours(LocalTime start, LocalTime end) {

    /** Reads "21:00-09:00"; blank or "none" is no quiet hours (null). */
    public static QuietHours parse(String spec) {
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("none")) return null;
        String[] parts = spec.trim().split("-");
        if (parts.length != 2) throw new IllegalArgumentException("quiet hours '" + spec + "' are not HH:MM-HH:MM");
        return new QuietHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
    }

    public boolean contains(LocalTime t) {
        if (start.equals(end)) return false;
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    /** When the window next closes after {@code now}, in the zone (so "09:00" moves with daylight saving time). */
    public Instant endsAfter(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime end = local.toLocalDate().atTime(this.end).atZone(zone);
        if (!end.isAfter(local)) end = local.toLocalDate().plusDays(1).atTime(this.end).atZone(zone);
        return end.toInstant();
    }
}
