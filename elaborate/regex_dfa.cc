#include "elaborate/regex_dfa.h"
#include "elaborate/regex_nfa.h"

#include <algorithm>
#include <bitset>
#include <cctype>
#include <map>
#include <set>

namespace stap {

namespace {

struct Fragment {
  int start, end;
};

class Parser {
public:
  explicit Parser(const std::string &p) : p_(p) {}

  bool parse(std::vector<NfaState> &nfa, Fragment &out, unsigned &groups,
             std::string &err, size_t &off) {
    nfa_ = &nfa;
    out = alternation();
    if (error_.empty() && pos_ < p_.size()) fail("unmatched ')'");
    groups = groups_;
    err = error_;
    off = error_pos_;
    return error_.empty();
  }

private:
  int state() {
    nfa_->emplace_back();
    return static_cast<int>(nfa_->size() - 1);
  }
  void fail(const std::string &msg) {
    if (error_.empty()) {
      error_ = msg;
      error_pos_ = pos_;
    }
  }
  bool at(char c) const { return pos_ < p_.size() && p_[pos_] == c; }

  Fragment empty() {
    int s = state(), e = state();
    (*nfa_)[s].eps.push_back(e);
    return {s, e};
  }

  Fragment alternation() {
    Fragment f = concatenation();
    while (error_.empty() && at('|')) {
      ++pos_;
      Fragment g = concatenation();
      int s = state(), e = state();
      (*nfa_)[s].eps = {f.start, g.start};
      (*nfa_)[f.end].eps.push_back(e);
      (*nfa_)[g.end].eps.push_back(e);
      f = {s, e};
    }
    return f;
  }

  Fragment concatenation() {
    Fragment f = empty();
    while (error_.empty() && pos_ < p_.size() && !at('|') && !at(')')) {
      Fragment g = repetition();
      (*nfa_)[f.end].eps.push_back(g.start);
      f.end = g.end;
    }
    return f;
  }

  // Copies a fragment's states (for {m,n}, which repeats an atom).
  Fragment clone(Fragment f, int first, int last) {
    std::map<int, int> map;
    for (int i = first; i <= last; ++i) map[i] = state();
    for (int i = first; i <= last; ++i) {
      NfaState copy = (*nfa_)[i];
      auto m = [&](int x) { return x < 0 ? x : map.at(x); };
      copy.on_byte = m(copy.on_byte);
      copy.bol = m(copy.bol);
      copy.eol = m(copy.eol);
      for (int &e : copy.eps) e = m(e);
      (*nfa_)[map[i]] = copy;
    }
    return {map[f.start], map[f.end]};
  }

  Fragment star(Fragment f) {
    int s = state(), e = state();
    (*nfa_)[s].eps = {f.start, e};
    (*nfa_)[f.end].eps.push_back(f.start);
    (*nfa_)[f.end].eps.push_back(e);
    return {s, e};
  }

  // Loops back into the same states (not a copy), so a captured group
  // is not re-entered for an empty iteration at the same position.
  Fragment plus(Fragment f) {
    int s = state(), e = state();
    (*nfa_)[s].eps = {f.start};
    (*nfa_)[f.end].eps.push_back(f.start);
    (*nfa_)[f.end].eps.push_back(e);
    return {s, e};
  }

  Fragment optional(Fragment f) {
    int s = state(), e = state();
    (*nfa_)[s].eps = {f.start, e};
    (*nfa_)[f.end].eps.push_back(e);
    return {s, e};
  }

  bool number(int &out) {
    size_t begin = pos_;
    long v = 0;
    while (pos_ < p_.size() && std::isdigit(static_cast<unsigned char>(p_[pos_]))) {
      v = v * 10 + (p_[pos_++] - '0');
      if (v > 255) {
        fail("repetition count above 255");
        return false;
      }
    }
    out = static_cast<int>(v);
    return pos_ > begin;
  }

  Fragment repetition() {
    int first = static_cast<int>(nfa_->size());
    Fragment f = atom();
    int last = static_cast<int>(nfa_->size()) - 1;
    while (error_.empty() && pos_ < p_.size()) {
      if (at('*')) {
        ++pos_;
        f = star(f);
      } else if (at('+')) {
        ++pos_;
        f = plus(f);
      } else if (at('?')) {
        ++pos_;
        f = optional(f);
      } else if (at('{')) {
        size_t brace = pos_++;
        int lo = 0, hi = -1;
        if (!number(lo)) {
          pos_ = brace;
          fail("expected a number after '{'");
          break;
        }
        if (at(',')) {
          ++pos_;
          if (!number(hi)) hi = -2;  // unbounded
        } else {
          hi = lo;
        }
        if (!at('}')) {
          fail("expected '}' to close the repetition");
          break;
        }
        ++pos_;
        if (hi >= 0 && hi < lo) {
          pos_ = brace;
          fail("repetition range is backwards");
          break;
        }
        f = repeat(f, first, last, lo, hi);
      } else {
        break;
      }
      // A further quantifier repeats everything built since `first`.
      last = static_cast<int>(nfa_->size()) - 1;
    }
    return f;
  }

  Fragment repeat(Fragment f, int first, int last, int lo, int hi) {
    if (lo == 0 && hi == 0) return empty();
    // Make every copy before linking any: a linked fragment has edges that
    // leave it, which a copy could not follow.
    size_t needed = static_cast<size_t>(lo) +
                    (hi == -2 ? 1 : static_cast<size_t>(hi - lo));
    std::vector<Fragment> copies = {f};
    while (copies.size() < needed) copies.push_back(clone(f, first, last));
    Fragment out = empty();
    auto append = [&](Fragment g) {
      (*nfa_)[out.end].eps.push_back(g.start);
      out.end = g.end;
    };
    size_t k = 0;
    for (int i = 0; i < lo; ++i) append(copies[k++]);
    if (hi == -2) {
      append(star(copies[k++]));
    } else {
      // Optional copies in a row: a{1,3} is a(a)?(a)?.
      for (int i = lo; i < hi; ++i) append(optional(copies[k++]));
    }
    return out;
  }

  Fragment byte_edge(const ByteSet &set) {
    int s = state(), e = state();
    (*nfa_)[s].bytes = set;
    (*nfa_)[s].on_byte = e;
    return {s, e};
  }

  bool class_name(ByteSet &set) {
    static const std::pair<const char *, int (*)(int)> kClasses[] = {
        {"alpha", isalpha}, {"digit", isdigit}, {"alnum", isalnum},
        {"upper", isupper}, {"lower", islower}, {"space", isspace},
        {"punct", ispunct}, {"print", isprint}, {"graph", isgraph},
        {"cntrl", iscntrl}, {"xdigit", isxdigit}, {"blank", isblank}};
    size_t close = p_.find(":]", pos_ + 2);
    if (close == std::string::npos) {
      fail("unterminated character class name");
      return false;
    }
    std::string name = p_.substr(pos_ + 2, close - pos_ - 2);
    for (const auto &[n, fn] : kClasses)
      if (name == n) {
        for (int c = 1; c < 256; ++c)
          if (c < 128 && fn(c)) set.set(c);
        pos_ = close + 2;
        return true;
      }
    fail("unknown character class '[:" + name + ":]'");
    return false;
  }

  Fragment bracket() {
    size_t open = pos_++;
    bool negate = at('^');
    if (negate) ++pos_;
    ByteSet set;
    bool first = true;
    while (error_.empty()) {
      if (pos_ >= p_.size()) {
        pos_ = open;
        fail("unmatched '['");
        break;
      }
      if (at(']') && !first) {
        ++pos_;
        break;
      }
      first = false;
      if (p_.compare(pos_, 2, "[:") == 0) {
        class_name(set);
        continue;
      }
      unsigned char lo = static_cast<unsigned char>(p_[pos_++]);
      if (lo == '\\' && pos_ < p_.size()) lo = static_cast<unsigned char>(p_[pos_++]);
      unsigned char hi = lo;
      if (at('-') && pos_ + 1 < p_.size() && p_[pos_ + 1] != ']') {
        hi = static_cast<unsigned char>(p_[pos_ + 1]);
        pos_ += 2;
        if (hi < lo) {
          fail("character range is backwards");
          break;
        }
      }
      for (int c = lo; c <= hi; ++c) set.set(c);
    }
    if (negate) set.flip();
    set.reset(0);
    return byte_edge(set);
  }

  Fragment atom() {
    char c = p_[pos_];
    if (c == '(') {
      size_t open = pos_++;
      // Groups are numbered by their '(' and recorded by tag states
      // around the body; the DFA walks through the tags as epsilons.
      int group = static_cast<int>(++groups_);
      int opener = state();
      Fragment f = at(')') ? empty() : alternation();
      if (!at(')')) {
        pos_ = open;
        fail("unmatched '('");
        return f;
      }
      ++pos_;
      int closer = state();
      (*nfa_)[opener].tag = 2 * group;
      (*nfa_)[opener].eps.push_back(f.start);
      (*nfa_)[f.end].eps.push_back(closer);
      (*nfa_)[closer].tag = 2 * group + 1;
      return {opener, closer};
    }
    if (c == '*' || c == '+' || c == '?' || c == '{') {
      fail(std::string("nothing to repeat before '") + c + "'");
      ++pos_;
      return empty();
    }
    if (c == '[') return bracket();
    ++pos_;
    ByteSet set;
    if (c == '.') {
      set.set();
      set.reset(0);
      return byte_edge(set);
    }
    if (c == '^' || c == '$') {
      int s = state(), e = state();
      (c == '^' ? (*nfa_)[s].bol : (*nfa_)[s].eol) = e;
      return {s, e};
    }
    if (c == '\\') {
      if (pos_ >= p_.size()) {
        fail("trailing backslash");
        return empty();
      }
      c = p_[pos_++];
      if (c == 'n') c = '\n';
      else if (c == 't') c = '\t';
    }
    set.set(static_cast<unsigned char>(c));
    return byte_edge(set);
  }

  const std::string &p_;
  size_t pos_ = 0;
  unsigned groups_ = 0;
  std::vector<NfaState> *nfa_ = nullptr;
  std::string error_;
  size_t error_pos_ = 0;
};

using StateSet = std::vector<int>;  // sorted NFA states

void closure(const std::vector<NfaState> &nfa, StateSet &set, bool at_start,
             bool at_end) {
  std::vector<int> stack(set.begin(), set.end());
  std::set<int> seen(set.begin(), set.end());
  while (!stack.empty()) {
    int s = stack.back();
    stack.pop_back();
    auto push = [&](int t) {
      if (t >= 0 && seen.insert(t).second) stack.push_back(t);
    };
    for (int t : nfa[s].eps) push(t);
    if (at_start) push(nfa[s].bol);
    if (at_end) push(nfa[s].eol);
  }
  set.assign(seen.begin(), seen.end());
}

}  // namespace

bool parse_regex_nfa(const std::string &pattern, RegexNfa &out,
                     std::string &error, size_t &error_offset) {
  Fragment f;
  out = RegexNfa{};
  if (!Parser(pattern).parse(out.states, f, out.groups, error, error_offset))
    return false;
  out.start = f.start;
  out.accept = f.end;
  return true;
}

DfaResult compile_regex(const std::string &pattern) {
  DfaResult r;
  RegexNfa parsed;
  if (!parse_regex_nfa(pattern, parsed, r.error, r.error_offset)) return r;
  const std::vector<NfaState> &nfa = parsed.states;
  Fragment f = {parsed.start, parsed.accept};
  const int accept = f.end;

  // Byte classes: two bytes are alike when every edge treats them alike.
  std::map<std::vector<bool>, uint8_t> signature_class;
  for (int b = 0; b < 256; ++b) {
    std::vector<bool> sig;
    for (const auto &s : nfa)
      if (s.on_byte >= 0) sig.push_back(s.bytes.test(b));
    auto [it, fresh] = signature_class.emplace(sig, signature_class.size());
    r.dfa.byte_class[b] = it->second;
  }
  r.dfa.classes = static_cast<unsigned>(signature_class.size());
  std::vector<int> representative(r.dfa.classes);
  for (int b = 255; b >= 0; --b) representative[r.dfa.byte_class[b]] = b;

  // Subset construction; the start closure joins every state, which makes
  // the DFA search for a match anywhere in the input.
  StateSet start = {f.start};
  closure(nfa, start, true, false);
  StateSet restart = {f.start};
  closure(nfa, restart, false, false);
  std::map<StateSet, uint16_t> index;
  std::vector<StateSet> sets;
  auto intern = [&](const StateSet &s) -> int {
    auto it = index.find(s);
    if (it != index.end()) return it->second;
    if (sets.size() >= kMaxDfaStates) return -1;
    index.emplace(s, static_cast<uint16_t>(sets.size()));
    sets.push_back(s);
    return static_cast<int>(sets.size() - 1);
  };
  intern(start);
  for (size_t i = 0; i < sets.size(); ++i) {
    for (unsigned cls = 0; cls < r.dfa.classes; ++cls) {
      int byte = representative[cls];
      StateSet next = restart;
      if (byte != 0)
        for (int s : sets[i])
          if (nfa[s].on_byte >= 0 && nfa[s].bytes.test(byte))
            next.push_back(nfa[s].on_byte);
      std::sort(next.begin(), next.end());
      next.erase(std::unique(next.begin(), next.end()), next.end());
      closure(nfa, next, false, false);
      int id = intern(next);
      if (id < 0) {
        r.error = "regular expression is too complex (more than " +
                  std::to_string(kMaxDfaStates) + " DFA states)";
        return r;
      }
      r.dfa.next.push_back(static_cast<uint16_t>(id));
    }
  }
  for (size_t i = 0; i < sets.size(); ++i) {
    uint8_t a = 0;
    if (std::binary_search(sets[i].begin(), sets[i].end(), accept)) a |= 1;
    StateSet at_end = sets[i];
    closure(nfa, at_end, i == 0, true);
    if (std::binary_search(at_end.begin(), at_end.end(), accept)) a |= 2;
    r.dfa.accept.push_back(a);
  }
  r.ok = true;
  return r;
}

bool dfa_matches(const Dfa &dfa, const std::string &text) {
  unsigned state = 0;
  for (unsigned char c : text) {
    if (dfa.accept[state] & 1) return true;
    if (c == 0) break;
    state = dfa.next[state * dfa.classes + dfa.byte_class[c]];
  }
  return (dfa.accept[state] & 3) != 0;
}

}  // namespace stap
