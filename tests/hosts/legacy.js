/* global define, require, angular, jQuery, MooTools */
// The legacy portal's own code, as such portals write it: an AMD module through the page's
// RequireJS, jQuery on DOM ready, and an AngularJS application around the whole page that
// listens to the widgets' events.
define('portal/greeting', ['jquery'], function ($) {
  return function (name) {
    return $.trim('  Welcome, ' + name + '  ');
  };
});

jQuery(function ($) {
  $('body').addClass('portal-ready');
  $('a[href="#help"]').on('click', function (event) {
    event.preventDefault();
  });
});

angular.module('portal', []).controller('PortalController', [
  '$scope',
  '$document',
  '$timeout',
  function ($scope, $document, $timeout) {
    var portal = this;
    portal.title = 'Engineering';
    portal.links = ['Home', 'News', 'People'];
    portal.jquery = jQuery.fn.jquery;
    portal.angular = angular.version.full;
    portal.mootools = MooTools.version;
    portal.tag = null;
    portal.spotlight = false;
    portal.query = '';
    portal.search = function () {};
    require(['portal/greeting'], function (greet) {
      portal.greeting = greet('Maria');
    });
    // A Hearth event reaches the portal's own code: the tag a person chose in the cloud.
    function onTag(event) {
      $scope.$apply(function () {
        portal.tag = event.tag || null;
      });
    }
    $document[0].addEventListener('hearth-tag-select', onTag);
    $scope.$on('$destroy', function () {
      $document[0].removeEventListener('hearth-tag-select', onTag);
    });
    // Shown a moment later, as portals do with their spotlight box: AngularJS then inserts a
    // clone of the community card that was parsed (and already upgraded) with the page.
    $timeout(function () {
      portal.spotlight = true;
    }, 50);
  },
]);
