# Header-only libraries from Debian (doctest, CLI11, nlohmann-json) and Dear ImGui built from
# Debian's source package. Emscripten must never see /usr/include (glibc headers would leak in),
# so each header-only library gets its own include folder, a symlink into /usr/include.
set(CARRY_HEADERS_DIR "${CMAKE_BINARY_DIR}/third_party_include")
file(MAKE_DIRECTORY "${CARRY_HEADERS_DIR}")
foreach(lib doctest CLI nlohmann)
  if(NOT EXISTS "/usr/include/${lib}")
    message(FATAL_ERROR "/usr/include/${lib} is missing: run `python3 tools/setup.py` first")
  endif()
  file(CREATE_LINK "/usr/include/${lib}" "${CARRY_HEADERS_DIR}/${lib}" SYMBOLIC)
endforeach()

add_library(carry_third_party_headers INTERFACE)
target_include_directories(carry_third_party_headers SYSTEM INTERFACE "${CARRY_HEADERS_DIR}")

# Dear ImGui itself (no backend): the app library and its headless panel tests need it, with or
# without a window (the asan preset builds no window but still tests the panels).
if(CARRY_BUILD_APP OR CARRY_BUILD_APP_LIB)
  if(NOT EXISTS "${CARRY_IMGUI_DIR}/imgui.cpp")
    message(FATAL_ERROR "Dear ImGui sources not found at ${CARRY_IMGUI_DIR}: run `python3 tools/setup.py` first")
  endif()
  add_library(imgui STATIC
    ${CARRY_IMGUI_DIR}/imgui.cpp ${CARRY_IMGUI_DIR}/imgui_draw.cpp ${CARRY_IMGUI_DIR}/imgui_tables.cpp
    ${CARRY_IMGUI_DIR}/imgui_widgets.cpp ${CARRY_IMGUI_DIR}/imgui_demo.cpp)
  target_include_directories(imgui SYSTEM PUBLIC ${CARRY_IMGUI_DIR} ${CARRY_IMGUI_DIR}/backends)
  target_compile_options(imgui PRIVATE -w)  # third-party code: its warnings are not ours to fix
  # Carry never shows ImGui's demo window: its file compiles to the empty stubs imgui.cpp links to
  # (one large file less in each of the three builds).
  set_source_files_properties(${CARRY_IMGUI_DIR}/imgui_demo.cpp PROPERTIES COMPILE_DEFINITIONS IMGUI_DISABLE_DEMO_WINDOWS)
endif()

if(CARRY_BUILD_APP)
  if(EMSCRIPTEN)
    if(NOT EXISTS "${CARRY_SDL2_WEB_DIR}/lib/libSDL2.a")
      message(FATAL_ERROR "SDL2 for WebAssembly not found at ${CARRY_SDL2_WEB_DIR}: run `python3 tools/setup.py --web` first")
    endif()
    add_library(carry_sdl2 INTERFACE)
    target_include_directories(carry_sdl2 SYSTEM INTERFACE "${CARRY_SDL2_WEB_DIR}/include/SDL2" "${CARRY_SDL2_WEB_DIR}/include")
    target_link_libraries(carry_sdl2 INTERFACE "${CARRY_SDL2_WEB_DIR}/lib/libSDL2.a")
  else()
    find_package(SDL2 REQUIRED)
    find_package(OpenGL REQUIRED)
    add_library(carry_sdl2 INTERFACE)
    target_link_libraries(carry_sdl2 INTERFACE SDL2::SDL2 OpenGL::GL)
  endif()

  # The SDL2 + OpenGL backends; on the web ES3 selects "#version 300 es" (WebGL2).
  add_library(imgui_backends STATIC
    ${CARRY_IMGUI_DIR}/backends/imgui_impl_sdl.cpp ${CARRY_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
  target_link_libraries(imgui_backends PUBLIC imgui carry_sdl2)
  target_compile_options(imgui_backends PRIVATE -w)
  if(EMSCRIPTEN)
    target_compile_definitions(imgui_backends PUBLIC IMGUI_IMPL_OPENGL_ES3)
    # No synchronous GL queries per frame in WebGL: the backend's state save/restore reads the
    # state Carry knows instead (src/platform/gl_state_shim.h; the backend's source is untouched).
    set_source_files_properties(${CARRY_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp PROPERTIES
      COMPILE_OPTIONS "-include;${CMAKE_SOURCE_DIR}/src/platform/gl_state_shim.h")
  endif()
endif()
