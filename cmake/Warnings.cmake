# carry_warnings: the warning flags every first-party target uses.
add_library(carry_warnings INTERFACE)
target_compile_options(carry_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
