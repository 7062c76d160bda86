package crm.profile.traits;

import java.util.Locale;

/** Trait names as the suite stores them: snake_case, whatever casing the source used. */
public final class TraitNames {
    private TraitNames() {
    }

    /** {@code firstName}, {@code First Name}, {@code first-name} and {@code first_name} all become {@code first_name}. */
    public static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        char previous = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                boolean wordStart = Character.isUpperCase(c) && (Character.isLowerCase(previous) || Character.isDigit(previous)
                        || (Character.isUpperCase(previous) && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))));
                if (wordStart && out.length() > 0 && out.charAt(out.length() - 1) != '_') out.append('_');
                out.append(Character.toLowerCase(c));
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                out.append('_');
            }
            previous = c;
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '_') end--;
        return out.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
