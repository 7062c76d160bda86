package crm.profile.computed;

/** A definition refused: {@code field} names what is wrong, in the API's terms ("name", "where.equals"). */
public class InvalidComputedTrait extends RuntimeException {
    private final String field;

    public InvalidComputedTrait(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
