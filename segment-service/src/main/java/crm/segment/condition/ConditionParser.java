package crm.segment.condition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the text form of a condition. Grammar (keywords case-insensitive):
 * <pre>
 * condition  := or
 * or         := and ("or" and)*
 * and        := unary ("and" unary)*
 * unary      := "not" unary | primary
 * primary    := "(" condition ")" | trait "exists" | trait operator literal
 * operator   := "=" | "!=" | "<" | "<=" | ">" | ">="
 * literal    := number | "double-quoted string" | true | false
 * </pre>
 * Errors are {@link ConditionSyntaxException}s naming the line and column.
 */
public final class ConditionParser {
    private final List<Token> tokens;
    private int next;

    private ConditionParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static Condition parse(String text) {
        if (text == null) throw new ConditionSyntaxException(1, 1, "expected a condition but found nothing");
        ConditionParser parser = new ConditionParser(new Lexer(text).tokens());
        Condition condition = parser.or();
        Token trailing = parser.peek();
        if (trailing.kind() != Kind.END) {
            throw parser.error(trailing, "expected 'and', 'or' or the end but found " + trailing.describe());
        }
        return condition;
    }

    private Condition or() {
        List<Condition> operands = new ArrayList<>(List.of(and()));
        while (peek().isKeyword("or")) {
            next++;
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : new Or(operands);
    }

    private Condition and() {
        List<Condition> operands = new ArrayList<>(List.of(unary()));
        while (peek().isKeyword("and")) {
            next++;
            operands.add(unary());
        }
        return operands.size() == 1 ? operands.get(0) : new And(operands);
    }

    private Condition unary() {
        if (peek().isKeyword("not")) {
            next++;
            return new Not(unary());
        }
        return primary();
    }

    private Condition primary() {
        Token token = take();
        if (token.kind() == Kind.OPEN) {
            Condition inner = or();
            Token close = take();
            if (close.kind() != Kind.CLOSE) {
                throw error(close, "expected ')' to close the '(' at line " + token.line() + ", column " + token.column()
                        + " but found " + close.describe());
            }
            return inner;
        }
        if (token.kind() != Kind.WORD || Traits.isKeyword(token.text())) {
            throw error(token, "expected a condition (a trait, 'not' or '(') but found " + token.describe());
        }
        String trait = token.text();
        Token operator = take();
        if (operator.isKeyword("exists")) return new Exists(trait);
        if (operator.kind() != Kind.OPERATOR) {
            throw error(operator, "expected an operator (= != < <= > >=) or 'exists' after " + trait + " but found "
                    + operator.describe());
        }
        Operator op = Operator.ofSymbol(operator.text()).orElseThrow();
        Token value = take();
        Literal literal = literal(value, op);
        if (literal instanceof Literal.Bool && !op.isEquality()) {
            throw error(operator, "operator " + op.symbol() + " does not apply to a boolean; use = or !=");
        }
        return new Comparison(trait, op, literal);
    }

    private Literal literal(Token token, Operator op) {
        switch (token.kind()) {
            case NUMBER:
                return new Literal.Number(new BigDecimal(token.text()));
            case STRING:
                return new Literal.Text(token.text());
            case WORD:
                String word = token.text().toLowerCase(Locale.ROOT);
                if (word.equals("true")) return new Literal.Bool(true);
                if (word.equals("false")) return new Literal.Bool(false);
                throw error(token, "expected a value after " + op.symbol() + " but found " + token.describe()
                        + " (strings are written in double quotes)");
            default:
                throw error(token, "expected a value (a number, a \"string\", true or false) after " + op.symbol()
                        + " but found " + token.describe());
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.END) next++;
        return t;
    }

    private ConditionSyntaxException error(Token at, String reason) {
        return new ConditionSyntaxException(at.line(), at.column(), reason);
    }

    enum Kind { WORD, NUMBER, STRING, OPERATOR, OPEN, CLOSE, END }

    record Token(Kind kind, String text, int line, int column) {
        boolean isKeyword(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        String describe() {
            return switch (kind) {
                case END -> "the end of the condition";
                case STRING -> "the string \"" + text + "\"";
                default -> "'" + text + "'";
            };
        }
    }

    /** Splits the text into tokens, tracking line and column of each. */
    private static final class Lexer {
        private final String text;
        private final List<Token> tokens = new ArrayList<>();
        private int pos;
        private int line = 1;
        private int lineStart;

        Lexer(String text) {
            this.text = text;
        }

        List<Token> tokens() {
            while (true) {
                skipWhitespace();
                int column = pos - lineStart + 1;
                if (pos >= text.length()) {
                    tokens.add(new Token(Kind.END, "", line, column));
                    return tokens;
                }
                char c = text.charAt(pos);
                if (c == '(' || c == ')') {
                    tokens.add(new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), line, column));
                    pos++;
                } else if (c == '"') {
                    tokens.add(new Token(Kind.STRING, string(column), line, column));
                } else if (Character.isDigit(c) || (c == '-' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
                    tokens.add(new Token(Kind.NUMBER, number(), line, column));
                } else if (Character.isLetter(c) || c == '_') {
                    int start = pos;
                    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
                    tokens.add(new Token(Kind.WORD, text.substring(start, pos), line, column));
                } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                    tokens.add(new Token(Kind.OPERATOR, operator(column), line, column));
                } else {
                    throw new ConditionSyntaxException(line, column, "unexpected character '" + c + "'");
                }
            }
        }

        private void skipWhitespace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                if (text.charAt(pos) == '\n') {
                    line++;
                    lineStart = pos + 1;
                }
                pos++;
            }
        }

        private String operator(int column) {
            char c = text.charAt(pos);
            boolean equalsFollows = pos + 1 < text.length() && text.charAt(pos + 1) == '=';
            if (c == '=' && equalsFollows) throw new ConditionSyntaxException(line, column, "'==' is written '='");
            if (c == '!' && !equalsFollows) throw new ConditionSyntaxException(line, column, "'!' must be followed by '=' (or use 'not')");
            String op = c == '=' ? "=" : equalsFollows ? c + "=" : String.valueOf(c);
            pos += op.length();
            return op;
        }

        private String number() {
            int start = pos;
            if (text.charAt(pos) == '-') pos++;
            digits();
            if (pos + 1 < text.length() && text.charAt(pos) == '.' && Character.isDigit(text.charAt(pos + 1))) {
                pos++;
                digits();
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                int mark = pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) pos++;
                if (pos < text.length() && Character.isDigit(text.charAt(pos))) digits();
                else pos = mark;
            }
            if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
                throw new ConditionSyntaxException(line, start - lineStart + 1,
                        "'" + text.substring(start, pos + 1) + "' is neither a number nor a trait name");
            }
            return text.substring(start, pos);
        }

        private void digits() {
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
        }

        private String string(int column) {
            StringBuilder value = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') return value.toString();
                if (c == '\n') break;
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (pos >= text.length()) break;
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\' -> value.append(e);
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case 'u' -> value.append(unicode(column));
                    default -> throw new ConditionSyntaxException(line, pos - lineStart,
                            "unknown escape '\\" + e + "' in string (use \\\" \\\\ \\n \\t \\r or \\uXXXX)");
                }
            }
            throw new ConditionSyntaxException(line, column, "string is not closed: expected '\"' before the end of the line");
        }

        private char unicode(int column) {
            if (pos + 4 > text.length() || !text.substring(pos, pos + 4).matches("[0-9A-Fa-f]{4}")) {
                throw new ConditionSyntaxException(line, pos - lineStart - 1, "\\u must be followed by four hex digits");
            }
            char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
            pos += 4;
            return c;
        }
    }
}
