package crm.segment.condition;

import java.util.Set;
import java.util.regex.Pattern;

/** What a trait name may be in a condition: an identifier that is not a keyword of the language. */
final class Traits {
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Set<String> KEYWORDS = Set.of("and", "or", "not", "exists", "true", "false");

    private Traits() {
    }

    static boolean isKeyword(String word) {
        return KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT));
    }

    static void requireName(String trait) {
        if (trait == null || !NAME.matcher(trait).matches() || isKeyword(trait)) {
            throw new IllegalArgumentException("not a trait name: " + trait);
        }
    }
}
