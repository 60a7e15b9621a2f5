/* test_heap.c: the future-event list orders by time, then insertion (FIFO ties). */
#include <stdlib.h>

#include "heap.h"
#include "suite.h"

static void test_orders_by_time(void)
{
    heap h;
    heap_init(&h);
    int64_t times[] = {50, 10, 40, 20, 30};
    for (uint32_t i = 0; i < 5; i++)
        heap_push(&h, (heap_key){.time = times[i], .seq = i, .slot = i});
    int64_t want[] = {10, 20, 30, 40, 50};
    for (int i = 0; i < 5; i++)
        CU_ASSERT_EQUAL(heap_pop(&h).time, want[i]);
    CU_ASSERT_EQUAL(heap_len(&h), 0);
    heap_destroy(&h);
}

TEST_SUITE(heap, {"orders by time", test_orders_by_time})
