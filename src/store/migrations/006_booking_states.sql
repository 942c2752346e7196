-- A booking's status says what it holds: a picked time from 'booking' on, the series' event once
-- booked. The application's BookingRecord type says the same; the database keeps it true.
ALTER TABLE bookings
  ADD CONSTRAINT bookings_picked_has_time CHECK (status NOT IN ('booking', 'booked', 'ending') OR chosen IS NOT NULL),
  ADD CONSTRAINT bookings_booked_has_event CHECK (status NOT IN ('booked', 'ending') OR event_id IS NOT NULL);
