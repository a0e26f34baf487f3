package io.rollcall.importing;

/**
 * Finds an email address as a whole in text: not as the end of a longer address
 * ("joann@example.com" does not hold "ann@example.com") nor the start of one
 * ("ann@example.com.au").
 */
final class AddressSearch {

    private AddressSearch() {
    }

    /** @param text and {@code address} in the same case */
    static boolean contains(String text, String address) {
        for (int at = text.indexOf(address); at >= 0; at = text.indexOf(address, at + 1)) {
            int end = at + address.length();
            boolean wholeStart = at == 0 || !partOfLocal(text.charAt(at - 1));
            boolean wholeEnd = end == text.length() || !partOfDomain(text.charAt(end), end + 1 < text.length()
                ? text.charAt(end + 1) : ' ');
            if (wholeStart && wholeEnd) {
                return true;
            }
        }
        return false;
    }

    private static boolean partOfLocal(char c) {
        return Character.isLetterOrDigit(c) || ".!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0;
    }

    // A dot ends an address at the end of a sentence; followed by a letter it continues the domain.
    private static boolean partOfDomain(char c, char next) {
        return Character.isLetterOrDigit(c) || c == '-' || (c == '.' && Character.isLetterOrDigit(next));
    }
}
