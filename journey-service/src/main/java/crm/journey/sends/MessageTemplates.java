package crm.journey.sends;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The message templates a send step can name. Each has a subject here and its bodies in
 * {@code src/main/resources/templates/email/<key>.html|.txt} (Qute).
 */
public final class MessageTemplates {
    private static final Map<String, String> SUBJECTS = Map.of("welcome", "Welcome!");

    private MessageTemplates() {
    }

    public static Set<String> keys() {
        return SUBJECTS.keySet();
    }

    public static Optional<String> subject(String key) {
        return Optional.ofNullable(SUBJECTS.get(key));
    }

    /** The customer's first name to greet them with, when the profile knows it. */
    public static Optional<String> firstName(Map<String, Object> variables) {
        Object name = variables.get("first_name");
        if (name == null) name = variables.get("firstName");
        if (name == null) return Optional.empty();
        String s = name.toString().trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
