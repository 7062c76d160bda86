package crm.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants as ISO-8601 UTC text ({@code 2026-11-23T17:15:49.728056Z}), exactly as {@link Instant#toString()} writes
 * them, without {@link java.time.format.DateTimeFormatter}: every message and every folded profile state carries
 * several, and the formatter's generic parse and print took an eighth of profile-service's CPU. Text of any other form
 * (an offset, a leap second, a number, a year past 9999) goes to Jackson's own Instant handling, unchanged.
 */
final class InstantText {
    private static final long FIRST = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
    private static final long LAST = (LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400) - 1;

    private InstantText() {
    }

    /** The module that writes and reads instants this way. */
    static SimpleModule module() {
        return new SimpleModule("crm-instants")
                .addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
                    @Override
                    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                        gen.writeString(format(value));
                    }
                })
                .addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
                    @Override
                    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        if (p.hasToken(JsonToken.VALUE_STRING)) {
                            Instant parsed = parse(p.getText());
                            if (parsed != null) return parsed;
                        }
                        return InstantDeserializer.INSTANT.deserialize(p, ctxt);
                    }
                });
    }

    /** The same text as {@link Instant#toString()}. */
    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST || seconds > LAST) return instant.toString();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        StringBuilder s = new StringBuilder(30);
        digits(s, date.getYear(), 4).append('-');
        digits(s, date.getMonthValue(), 2).append('-');
        digits(s, date.getDayOfMonth(), 2).append('T');
        digits(s, secondOfDay / 3600, 2).append(':');
        digits(s, secondOfDay / 60 % 60, 2).append(':');
        digits(s, secondOfDay % 60, 2);
        int nano = instant.getNano();
        // As ISO_INSTANT: no fraction for whole seconds, else milli-, micro- or nanoseconds, whichever is exact.
        if (nano != 0) {
            s.append('.');
            if (nano % 1_000_000 == 0) digits(s, nano / 1_000_000, 3);
            else if (nano % 1_000 == 0) digits(s, nano / 1_000, 6);
            else digits(s, nano, 9);
        }
        return s.append('Z').toString();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} read, else null (for the standard parser to read or refuse). */
    static Instant parse(String text) {
        int n = text.length();
        if (n < 20 || n > 30 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4), month = number(text, 5, 7), day = number(text, 8, 10);
        int hour = number(text, 11, 13), minute = number(text, 14, 16), second = number(text, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nano = 0;
        if (n > 20) {
            int digits = n - 21;
            if (text.charAt(19) != '.' || digits < 1 || digits > 9) return null;
            int fraction = number(text, 20, n - 1);
            if (fraction < 0) return null;
            nano = fraction;
            for (int i = digits; i < 9; i++) nano *= 10;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nano);
    }

    /** The decimal number in text[from, to), or -1 when a character is not a digit. */
    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static StringBuilder digits(StringBuilder s, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) s.append('0');
        return s.append(text);
    }
}
