// test_hooks.h: where a test build of the app plugs into main.cpp. The shipped app (`carry`) links
// no_test_hooks.cpp, which does nothing; the test build (`carry-test`, natively and as the test
// page) links tests/support/test_hooks.cpp: the --scenario flag, the exported carry_inside_test
// (browser tests) and the lines the desktop tests read on stderr at exit. So the shipped
// carry.js/carry.wasm hold no test entry point.
#pragma once

namespace carry {

struct App;

// argv[i] is a flag main.cpp does not know: the number of arguments the test build takes from
// there (0: not one of its flags, a usage error).
int test_hooks_parse_arg(int argc, char** argv, int i);
// Extra lines for the usage message ("" in the shipped app).
const char* test_hooks_usage();
// After start-up (links applied), before the first frame. False: exit with status 2 (told why).
bool test_hooks_start(App& app);
// The desktop app is about to exit.
void test_hooks_exit(const App& app);

}  // namespace carry
