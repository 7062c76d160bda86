package crm.ingest.tracking;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void a_full_bucket_admits_its_burst_then_refuses_until_it_refills() {
        TokenBucket bucket = new TokenBucket(10, 5, T0);

        assertThat(bucket.take(10, T0)).isInstanceOf(TokenBucket.Allowed.class);
        TokenBucket.Decision refused = bucket.take(1, T0);

        assertThat(refused).isEqualTo(new TokenBucket.Limited(Duration.ofMillis(200)));
        assertThat(bucket.take(1, T0.plusMillis(200))).isInstanceOf(TokenBucket.Allowed.class);
    }

    @Test
    void the_wait_is_the_time_to_refill_what_is_missing() {
        TokenBucket bucket = new TokenBucket(100, 10, T0);
        bucket.take(100, T0);

        assertThat(bucket.take(30, T0.plusSeconds(1))).isEqualTo(new TokenBucket.Limited(Duration.ofSeconds(2)));
        assertThat(bucket.take(30, T0.plusSeconds(3))).isInstanceOf(TokenBucket.Allowed.class);
    }

    @Test
    void refilling_stops_at_the_capacity() {
        TokenBucket bucket = new TokenBucket(10, 5, T0);

        assertThat(bucket.take(10, T0.plus(Duration.ofHours(1)))).isInstanceOf(TokenBucket.Allowed.class);
        assertThat(bucket.take(1, T0.plus(Duration.ofHours(1)))).isInstanceOf(TokenBucket.Limited.class);
    }

    @Test
    void a_request_larger_than_the_bucket_passes_when_full_and_leaves_a_debt() {
        TokenBucket bucket = new TokenBucket(10, 5, T0);

        assertThat(bucket.take(25, T0)).isInstanceOf(TokenBucket.Allowed.class);
        // 15 tokens owed plus 1 wanted: 16 / 5 per second.
        assertThat(bucket.take(1, T0)).isEqualTo(new TokenBucket.Limited(Duration.ofMillis(3200)));
        assertThat(bucket.take(25, T0.plusSeconds(5))).isInstanceOf(TokenBucket.Allowed.class);
    }

    @Test
    void a_clock_going_back_refills_nothing() {
        TokenBucket bucket = new TokenBucket(10, 5, T0);
        bucket.take(10, T0);

        assertThat(bucket.take(1, T0.minusSeconds(60))).isInstanceOf(TokenBucket.Limited.class);
    }

    @Test
    void a_bucket_is_full_again_once_enough_time_passed() {
        TokenBucket bucket = new TokenBucket(10, 5, T0);
        bucket.take(4, T0);

        assertThat(bucket.isFull(T0.plusMillis(700))).isFalse();
        assertThat(bucket.isFull(T0.plusMillis(800))).isTrue();
    }
}
