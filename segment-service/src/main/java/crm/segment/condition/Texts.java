package crm.segment.condition;

/**
 * Text order of the condition language: by Unicode code point, which is the byte order of UTF-8 and so exactly
 * PostgreSQL's {@code COLLATE "C"}, the collation the SQL form uses. Locale collations would make the two disagree.
 */
public final class Texts {
    private Texts() {
    }

    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
