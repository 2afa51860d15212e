# Writes OUT, the C header staprun reads the action catalogue from, out of
# IN (privilege/actions.def): one catalogue for the translator (C++, which
# includes the .def) and the setuid loader (C, which includes this header).
# Run at build time: cmake -DIN=actions.def -DOUT=stap_actions.h -P this.
file(READ "${IN}" text)
# Comments may mention ACTION( too; only the entries count.
string(REGEX REPLACE "//[^\n]*" "" text "${text}")
set(ws "[ \t\r\n]*")
string(REGEX MATCHALL
       "ACTION\\(${ws}[a-z0-9_]+${ws},${ws}\"[^\"]+\"${ws},${ws}[a-z]+${ws},"
       entries "${text}")
set(body "")
set(count 0)
foreach(e IN LISTS entries)
  string(REGEX REPLACE ".*\"([^\"]+)\"${ws},${ws}([a-z]+)${ws},$" "\\1;\\2"
         fields "${e}")
  list(GET fields 0 name)
  list(GET fields 1 level)
  if(NOT level MATCHES "^(stapusr|stapsys|stapdev)$")
    message(FATAL_ERROR "${IN}: action '${name}' has the unknown level '${level}'")
  endif()
  string(TOUPPER "${level}" level)
  string(APPEND body "\t{ \"${name}\", STAP_ACTION_${level} },\n")
  math(EXPR count "${count} + 1")
endforeach()
if(count EQUAL 0)
  message(FATAL_ERROR "${IN}: no ACTION entries found")
endif()
set(header "/* Generated from privilege/actions.def by privilege/actions_header.cmake
 * at build time: do not edit. Entry i is bit i of an action set, in the
 * translator (enum class Action) as in staprun. */
#ifndef STAP_ACTIONS_H
#define STAP_ACTIONS_H

/* The lowest level granting an action; the levels are cumulative. */
enum stap_action_level {
\tSTAP_ACTION_STAPUSR = 1,
\tSTAP_ACTION_STAPSYS = 2,
\tSTAP_ACTION_STAPDEV = 3,
};

struct stap_action_entry {
\tconst char *name;
\tenum stap_action_level level;
};

#define STAP_ACTION_COUNT ${count}

static const struct stap_action_entry stap_action_catalogue[STAP_ACTION_COUNT] = {
${body}};

#endif /* STAP_ACTIONS_H */
")
# Rewrite only on change, so staprun is not rebuilt for nothing.
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
  if(old STREQUAL header)
    return()
  endif()
endif()
file(WRITE "${OUT}" "${header}")
