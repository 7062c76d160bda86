package crm.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class InstantTextTest {
    /** Jackson's own Instant handling, which the contract used before InstantText. */
    private static final ObjectMapper STANDARD = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void instants_are_written_exactly_as_instant_to_string_and_read_back_whatever_their_precision() throws Exception {
        Random random = new Random(42);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long seconds = first + (long) (random.nextDouble() * (last - first));
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            String text = InstantText.format(instant);
            assertThat(text).isEqualTo(instant.toString());
            assertThat(InstantText.parse(text)).isEqualTo(instant);
            assertThat(Json.write(instant)).isEqualTo(STANDARD.writeValueAsString(instant));
            assertThat(Json.read(Json.write(instant), Instant.class)).isEqualTo(instant);
        }
    }

    @Test
    void any_other_text_is_read_or_refused_as_jackson_itself_does() throws Exception {
        for (String text : List.of("2024-05-01T12:00:00+02:00", "2024-05-01T12:00:00.5-03:30", "+10000-01-01T00:00:00Z",
                "-0001-12-31T23:59:59Z", "2024-02-30T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T12:00:00.1234567890Z",
                "2024-05-01 12:00:00Z", "2024-05-01T12:00:00z", "2024-05-01T12:00Z", "not a date", "", "2024-13-01T00:00:00Z")) {
            String json = "\"" + text + "\"";
            Object expected;
            try {
                expected = STANDARD.readValue(json, Instant.class);
            } catch (Exception e) {
                expected = "refused";
            }
            Object actual;
            try {
                actual = Json.MAPPER.readValue(json, Instant.class);
            } catch (Exception e) {
                actual = "refused";
            }
            assertThat(actual).as(text).isEqualTo(expected);
        }
        assertThat(Json.read("1700000000", Instant.class)).isEqualTo(STANDARD.readValue("1700000000", Instant.class));
    }

    @Test
    void the_contract_mapper_uses_it() throws Exception {
        assertThat(Json.MAPPER.getSerializerProviderInstance().findValueSerializer(Instant.class).getClass().getName())
                .startsWith(InstantText.class.getName());
    }
}
