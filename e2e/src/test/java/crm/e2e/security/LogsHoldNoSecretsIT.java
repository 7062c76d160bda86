package crm.e2e.security;

import crm.e2e.Service;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After every other security IT (fuzzing, isolation, poison messages) ran against the shared suite, no service log
 * holds a secret or a personal value the tests handed it: the admin token, write keys, API tokens, webhook secrets,
 * provider keys, the suite's own keys, and the customers' emails and phones.
 */
@ExtendWith(SharedSuite.class)
@Order(4)
class LogsHoldNoSecretsIT {

    @Test
    void no_secret_or_personal_value_reaches_a_service_log() throws IOException {
        SharedSuite.Running s = SharedSuite.get();
        // Run alone, this still has a workspace, a customer and a webhook secret in play.
        Tenant.create(s, "Logged");
        // Stopped first, so what services log while shutting down is scanned too.
        s.stopServices();
        Map<String, String> secrets = s.secrets();

        List<String> leaks = new ArrayList<>();
        for (Service service : Service.values()) {
            String log = Files.readString(s.suite.log(service), StandardCharsets.UTF_8);
            assertThat(log).as("%s logged its start", service.module).isNotBlank();
            secrets.forEach((value, label) -> {
                for (String form : forms(value)) {
                    int at = log.indexOf(form);
                    if (at >= 0) leaks.add(service.module + " logs the " + label + ": " + excerpt(log, at, form));
                }
            });
            System.out.println("log scan: " + service.module + " " + log.length() + " characters, " + secrets.size() + " values looked for");
        }
        try {
            assertThat(leaks).as("secrets and personal data in the services' logs").isEmpty();
        } finally {
            s.close();
        }
    }

    /** The value as given and as it would appear URL-encoded (an email in a logged query string). */
    private static List<String> forms(String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        return encoded.equals(value) ? List.of(value) : List.of(value, encoded);
    }

    /** The log line around a leak, with the leaked value masked (the report must not leak it once more). */
    private static String excerpt(String log, int at, String value) {
        int start = Math.max(log.lastIndexOf('\n', at) + 1, at - 200);
        int end = log.indexOf('\n', at);
        end = end < 0 ? log.length() : Math.min(end, at + value.length() + 200);
        return log.substring(start, end).replace(value, "<" + value.length() + " chars masked>");
    }
}
