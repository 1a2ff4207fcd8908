# carry-bench: Carry's row of the benchmark, defined once. Included by bench/CMakeLists.txt (the
# benchmark's own project, built natively and with Emscripten by bench/run.py) and by the main
# build (tests/CMakeLists.txt: bench.smoke), both of which already have the carry_core target.
add_executable(carry-bench ${CMAKE_CURRENT_LIST_DIR}/carry_bench.cpp)
target_link_libraries(carry-bench PRIVATE carry_core carry_warnings)
if(EMSCRIPTEN)
  target_link_options(carry-bench PRIVATE -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1 -sNODERAWFS=1)
  # The same benchmark for a web page (bench/browser_core.mjs runs it in headless Chromium, whose
  # V8 is the one the playground's users run, newer than Node's).
  add_executable(carry-bench-browser ${CMAKE_CURRENT_LIST_DIR}/carry_bench.cpp)
  target_link_libraries(carry-bench-browser PRIVATE carry_core carry_warnings)
  target_link_options(carry-bench-browser PRIVATE -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=web -sINVOKE_RUN=0
                      -sEXPORTED_RUNTIME_METHODS=callMain)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/core.html ${CMAKE_CURRENT_BINARY_DIR}/index.html COPYONLY)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/core.js ${CMAKE_CURRENT_BINARY_DIR}/core.js COPYONLY)
endif()
