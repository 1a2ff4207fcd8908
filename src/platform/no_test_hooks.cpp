// no_test_hooks.cpp: the shipped app's test hooks (platform/test_hooks.h): none.
#include "platform/test_hooks.h"

namespace carry {

int test_hooks_parse_arg(int, char**, int) { return 0; }
const char* test_hooks_usage() { return ""; }
bool test_hooks_start(App&) { return true; }
void test_hooks_exit(const App&) {}

}  // namespace carry
