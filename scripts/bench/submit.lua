-- wrk script: POST one valid response per request to the JSON API.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"council_area":"S12000036","postcode_district":"EH12","feel_safe":4,"confidence":3,"concerns":["drug_dealing","speeding","housebreaking"],"comment":"Cars speed down our street every night and nobody does anything about it.","age_band":"35-44","sex":"F","disability":"no"}]]
