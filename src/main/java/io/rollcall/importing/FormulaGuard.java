package io.rollcall.importing;

/**
 * Keeps cells that Rollcall writes itself from being read as formulas by a spreadsheet: such a
 * cell never begins with = + - or @. Cells echoed from the admin's own upload are left exact; echoed
 * to anyone else (another admin of a school the file names), they are defused too.
 */
final class FormulaGuard {

    private FormulaGuard() {
    }

    static String neutralize(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }
}
