// SPDX-License-Identifier: MIT
// TODO(segment helper): the news abbreviation list.
