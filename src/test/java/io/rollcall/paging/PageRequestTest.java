package io.rollcall.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void defaultsToTheFirstPageOfAHundred() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(0, 100));
        assertThat(PageRequest.of(3, 1000).offset()).isEqualTo(3000);
    }

    @Test
    void refusesANegativePageAndASizeOutsideOneToAThousand() {
        for (var request : new Integer[][] {{-1, 10}, {0, 0}, {0, 1001}}) {
            var e = catchThrowableOfType(RollcallException.class, () -> PageRequest.of(request[0], request[1]));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        }
    }

    @Test
    void computesTheOffsetOfFarPagesWithoutOverflow() {
        assertThat(PageRequest.of(Integer.MAX_VALUE, 1000).offset()).isEqualTo(Integer.MAX_VALUE * 1000L);
    }
}
