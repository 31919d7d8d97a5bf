package mlb.view;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextTableTest {
    @Test
    void alignsColumnsAndRightAlignsMarkedOnes() {
        String t = new TextTable("link", ">share").row("isp1", "9.5 %").row("isp10", "100.0 %").render("  ");
        assertEquals("""
                  link     share
                  -----  -------
                  isp1     9.5 %
                  isp10  100.0 %
                """, t);
    }
}
