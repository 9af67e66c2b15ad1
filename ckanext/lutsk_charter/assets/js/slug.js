/* The URL name of a dataset from its Ukrainian title, by the official
 * transliteration (Cabinet of Ministers Resolution No. 55 of 27.01.2010):
 * "Музеї Луцька" → "muzei-lutska". CKAN's slug-preview module turns the title
 * into the name with jQuery.url.slugify, which maps Cyrillic to look-alike
 * Latin letters ("my3ei-jiyubka"); this wraps it to transliterate first.
 * The table is the one of ckanext/lutsk_charter/transliteration.py.
 */
(function ($) {
  'use strict';
  var letters = {
    'а': 'a', 'б': 'b', 'в': 'v', 'г': 'h', 'ґ': 'g', 'д': 'd', 'е': 'e', 'є': 'ie',
    'ж': 'zh', 'з': 'z', 'и': 'y', 'і': 'i', 'ї': 'i', 'й': 'i', 'к': 'k', 'л': 'l',
    'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p', 'р': 'r', 'с': 's', 'т': 't', 'у': 'u',
    'ф': 'f', 'х': 'kh', 'ц': 'ts', 'ч': 'ch', 'ш': 'sh', 'щ': 'shch', 'ь': '',
    'ю': 'iu', 'я': 'ia'
  };
  var wordStart = {'є': 'ye', 'ї': 'yi', 'й': 'y', 'ю': 'yu', 'я': 'ya'};
  var apostrophes = "'\u2019\u02bc`\u2018";

  function isLetter(ch) {
    return ch !== '' && (apostrophes.indexOf(ch) >= 0 || ch.toLowerCase() !== ch.toUpperCase());
  }

  function transliterate(text) {
    var out = '';
    var previous = '';
    for (var i = 0; i < text.length; i += 1) {
      var ch = text.charAt(i);
      var lower = ch.toLowerCase();
      var latin;
      if (apostrophes.indexOf(ch) >= 0) {
        latin = '';
      } else if (lower === 'г' && previous.toLowerCase() === 'з') {
        latin = 'gh';
      } else if (wordStart.hasOwnProperty(lower) && !isLetter(previous)) {
        latin = wordStart[lower];
      } else if (letters.hasOwnProperty(lower)) {
        latin = letters[lower];
      } else {
        latin = ch;
      }
      out += latin;
      previous = ch;
    }
    return out;
  }

  if (!$.url || !$.url.slugify || $.url.slugify.lutskCharter) {
    return;
  }
  var original = $.url.slugify;
  $.url.slugify = function (string, trim) {
    return original.call(this, transliterate(String(string)), trim);
  };
  $.url.slugify.lutskCharter = true;
  $.url.transliterateUk = transliterate;
})(this.jQuery);
