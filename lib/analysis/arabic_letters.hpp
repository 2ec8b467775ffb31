// Named Arabic code points used by the analysis stages (never bare literals in the rules).
#pragma once

namespace fahras::detail {

inline constexpr char32_t kHamza = U'\u0621';
inline constexpr char32_t kAlefMadda = U'\u0622';
inline constexpr char32_t kAlefHamzaAbove = U'\u0623';
inline constexpr char32_t kWawHamza = U'\u0624';
inline constexpr char32_t kAlefHamzaBelow = U'\u0625';
inline constexpr char32_t kYehHamza = U'\u0626';
inline constexpr char32_t kAlef = U'\u0627';
inline constexpr char32_t kBeh = U'\u0628';
inline constexpr char32_t kTehMarbuta = U'\u0629';
inline constexpr char32_t kTeh = U'\u062A';
inline constexpr char32_t kJeem = U'\u062C';
inline constexpr char32_t kZain = U'\u0632';
inline constexpr char32_t kTatweel = U'\u0640';
inline constexpr char32_t kFeh = U'\u0641';
inline constexpr char32_t kKaf = U'\u0643';
inline constexpr char32_t kLam = U'\u0644';
inline constexpr char32_t kMeem = U'\u0645';
inline constexpr char32_t kNoon = U'\u0646';
inline constexpr char32_t kHeh = U'\u0647';
inline constexpr char32_t kWaw = U'\u0648';
inline constexpr char32_t kAlefMaksura = U'\u0649';
inline constexpr char32_t kYeh = U'\u064A';

inline constexpr char32_t kFathatan = U'\u064B';       // first haraka
inline constexpr char32_t kLastHaraka = U'\u065F';     // wavy hamza below: end of the harakat block
inline constexpr char32_t kSuperscriptAlef = U'\u0670';
inline constexpr char32_t kAlefWasla = U'\u0671';
inline constexpr char32_t kArabicLetterMark = U'\u061C';

inline constexpr char32_t kPeh = U'\u067E';
inline constexpr char32_t kTcheh = U'\u0686';
inline constexpr char32_t kJeh = U'\u0698';
inline constexpr char32_t kVeh = U'\u06A4';
inline constexpr char32_t kKeheh = U'\u06A9';
inline constexpr char32_t kGaf = U'\u06AF';
inline constexpr char32_t kHehYehAbove = U'\u06C0';    // ۀ
inline constexpr char32_t kHehGoal = U'\u06C1';
inline constexpr char32_t kHehGoalHamza = U'\u06C2';
inline constexpr char32_t kFarsiYeh = U'\u06CC';       // ی
inline constexpr char32_t kYehBarree = U'\u06D2';
inline constexpr char32_t kYehBarreeHamza = U'\u06D3';
inline constexpr char32_t kAe = U'\u06D5';             // ە, what NFD leaves of ۀ

inline constexpr char32_t kQuranicMarksFirst = U'\u06D6';
inline constexpr char32_t kQuranicMarksLast = U'\u06ED';
inline constexpr char32_t kArabicIndicZero = U'\u0660';
inline constexpr char32_t kExtArabicIndicZero = U'\u06F0';

}  // namespace fahras::detail
