# Warnings for Annals' own targets only: system headers (ImGui, GDAL, PROJ) are
# included as SYSTEM so their warnings never break our -Werror build.
function(annals_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                                           -Wnon-virtual-dtor)
  if(ANNALS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
